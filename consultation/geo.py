"""Geography of the contributions map: when to cluster, the kinds counted in each cluster,
public rounding, and the territories' boundaries lightened for the zoom level.

Reading ``bbox`` and ``zoom`` and the SQL grid clusters are the core's (cms_pages.geo).
"""

from django.conf import settings
from django.db.models import Count, Q

from cms_pages import geo
from consultation.models import Contribution
from consultation.models.contributions import PUBLIC_POINT_DECIMALS

# Zoomed in, at most this many points (the response then says "truncated").
MAX_POINTS = 5000


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
