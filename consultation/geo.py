"""Geography of the contributions map: when to cluster, the kinds counted in each cluster,
public rounding, and the territories' boundaries lightened for the zoom level.

Reading ``bbox`` and ``zoom`` and the SQL grid clusters are the core's (cms_pages.geo).
"""

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver

from cms_pages import geo
from cms_pages.models import Commune
from consultation.models import Contribution
from consultation.models.contributions import PUBLIC_POINT_DECIMALS

# Zoomed in, at most this many points (the response then says "truncated").
MAX_POINTS = 5000


def place_by_commune(contributions):
    """Bring the approximate points of ``contributions`` in line with their communes (after
    a bulk insert, or when a commune gets or changes its point). Exact points are kept.
    Returns how many were changed."""
    rows = (
        contributions.filter(Q(latitude__isnull=True) | Q(point_is_approximate=True))
        .filter(commune__isnull=False)
        .select_related("commune")
        .order_by()
    )
    changed = [row for row in rows.iterator(chunk_size=500) if row.place_by_commune()]
    Contribution.objects.bulk_update(
        changed, ["latitude", "longitude", "point_is_approximate"], batch_size=500
    )
    return len(changed)


@receiver(post_save, sender=Commune, dispatch_uid="consultation_place_by_commune")
def follow_commune_point(sender, instance, raw=False, **kwargs):
    """A commune given a point (admin map, import_communes) draws its contributions."""
    if not raw:
        place_by_commune(Contribution.objects.filter(commune=instance))


@receiver(pre_delete, sender=Commune, dispatch_uid="consultation_commune_deleted")
def forget_commune_point(sender, instance, **kwargs):
    """A commune deleted: its contributions keep no point that came from it."""
    Contribution.objects.filter(commune=instance, point_is_approximate=True).update(
        latitude=None, longitude=None, point_is_approximate=False
    )


def should_cluster(zoom):
    return zoom is not None and zoom < settings.CONTRIBUTIONS_CLUSTER_BELOW_ZOOM


def grid_clusters(queryset, zoom, bbox):
    """The core's grid clusters, each with its count of every kind (révoltes, rêves)."""
    kinds = {kind: Count("pk", filter=Q(kind=kind)) for kind in Contribution.Kind.values}
    return geo.grid_clusters(queryset, zoom, bbox, **kinds)


def public_round(value):
    return round(value, PUBLIC_POINT_DECIMALS)


def _snap_ring(ring, decimals):
    snapped = []
    for position in ring:
        point = [round(position[0], decimals), round(position[1], decimals)]
        if not snapped or snapped[-1] != point:
            snapped.append(point)
    if snapped[0] != snapped[-1]:
        snapped.append(snapped[0])
    return snapped if len(snapped) >= 4 else None


def light_boundary(geometry, zoom):
    """The boundary snapped to a grid fit for ``zoom``: repeated positions are dropped, so
    an official contour does not weigh on every move of the map."""
    decimals = 3 if zoom is None or zoom < 10 else 4 if zoom < 14 else 5
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    light = []
    for polygon in polygons:
        outer = _snap_ring(polygon[0], decimals)
        if outer is None:
            continue  # smaller than a grid cell at this zoom
        holes = [ring for ring in (_snap_ring(r, decimals) for r in polygon[1:]) if ring]
        light.append([outer, *holes])
    if not light:
        return geometry
    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": light[0]}
    return {"type": "MultiPolygon", "coordinates": light}
