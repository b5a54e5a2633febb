"""Project views about pages that Wagtail's router does not serve."""

from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from theme.geojson import feature, geojson_response, point

from .collation import french
from .models import TerritoryPage

#: What robots leave alone: the admin, the accounts, the data APIs and exports.
ROBOTS_DISALLOWED = ["/admin/", "/comptes/", "/api/", "/*/api/", "/*.geojson", "/*.csv"]
#: Search query pages, when the plugin that serves them is installed (no import: a URL name).
ROBOTS_DISALLOWED_URL_NAMES = ["search:results"]


@require_GET
def robots_txt(request):
    """``/robots.txt``: the public site may be crawled, not the admin, accounts, APIs or the
    search query pages; it points to the sitemap."""
    disallowed = list(ROBOTS_DISALLOWED)
    for name in ROBOTS_DISALLOWED_URL_NAMES:
        try:
            disallowed.append(reverse(name))
        except NoReverseMatch:
            continue
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {path}" for path in disallowed]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
def territories_geojson(request):
    """Centre points and imported boundaries of the live territories (``?territoire=slug``)."""
    territories = TerritoryPage.objects.live().public().order_by(french())
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
        elif not territory.boundary:
            # Said under the map (map.js lists features without geometry), never left out.
            properties["note"] = _("Not on the map yet: its position is not known.")
            features.append(feature(None, **properties))
    return geojson_response(features)
