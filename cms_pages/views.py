"""Project views about pages that Wagtail's router does not serve."""

from django.views.decorators.http import require_GET

from theme.geojson import feature, geojson_response, point

from .models import TerritoryPage


@require_GET
def territories_geojson(request):
    """Centre points and imported boundaries of the live territories (``?territoire=slug``)."""
    territories = TerritoryPage.objects.live().public().order_by("title")
    slug = request.GET.get("territoire", "")[:100]
    if slug:
        territories = territories.filter(slug=slug)
    features = []
    for territory in territories:
        properties = {
            "id": f"territoire-{territory.pk}",
            "name": territory.title,
            "url": territory.get_url(request=request),
            "kind": "territory",
        }
        if territory.boundary:
            features.append(feature(territory.boundary, **properties, role="boundary"))
        if territory.latitude is not None:
            features.append(
                feature(point(territory.latitude, territory.longitude), **properties, role="centre")
            )
    return geojson_response(features)
