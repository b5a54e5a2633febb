"""Geography of the contributions map: reading ``bbox`` and ``zoom``, clustering in SQL,
and the territories' boundaries lightened for the zoom level.

Zoomed out, the map receives grid clusters computed by the database (GROUP BY a cell of the
indexed latitude/longitude), so its payload and time do not grow with the number of points.
"""

import math

from django.conf import settings
from django.db.models import Avg, Count, F, FloatField, Min, Q, Value
from django.db.models.functions import Floor
from django.utils.translation import gettext_lazy as _

from consultation.models import Contribution
from consultation.models.contributions import PUBLIC_POINT_DECIMALS

MAX_PARAMETER_LENGTH = 200
MAX_ZOOM = 22
# About four cells across a 256-pixel tile: a cell is close to the client's own grouping.
CELLS_PER_TILE = 4
# Whatever the bbox, at most this many cells across it (bounds the clusters returned).
MAX_CELLS_ACROSS = 64
# Zoomed in, at most this many points (the response then says "truncated").
MAX_POINTS = 5000


class GeoParameterError(ValueError):
    """A malformed ``bbox`` or ``zoom``; its message is shown to the client."""


def _finite(text, message):
    try:
        number = float(text)
    except (TypeError, ValueError):
        raise GeoParameterError(message) from None
    if not math.isfinite(number):
        raise GeoParameterError(message)
    return number


def parse_bbox(raw):
    """``(west, south, east, north)`` from ``"west,south,east,north"``, or None if empty."""
    if raw is None or raw == "":
        return None
    message = _(
        "bbox must be west,south,east,north in degrees (WGS84), west ≤ east, south ≤ north."
    )
    parts = raw.split(",") if len(raw) <= MAX_PARAMETER_LENGTH else []
    if len(parts) != 4:
        raise GeoParameterError(message)
    west, south, east, north = (_finite(part, message) for part in parts)
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise GeoParameterError(message)
    return west, south, east, north


def parse_zoom(raw):
    """The zoom level (a number from 0 to 22; the map may send half steps), or None."""
    if raw is None or raw == "":
        return None
    message = _("zoom must be a number from 0 to %(max)s.") % {"max": MAX_ZOOM}
    zoom = _finite(raw[:MAX_PARAMETER_LENGTH], message)
    if not 0 <= zoom <= MAX_ZOOM:
        raise GeoParameterError(message)
    return zoom


def should_cluster(zoom):
    return zoom is not None and zoom < settings.CONTRIBUTIONS_CLUSTER_BELOW_ZOOM


def in_bbox(queryset, bbox):
    """Contributions with a point, inside ``bbox`` when there is one (uses the point index)."""
    queryset = queryset.filter(latitude__isnull=False, longitude__isnull=False)
    if bbox is None:
        return queryset
    west, south, east, north = bbox
    return queryset.filter(
        latitude__gte=south, latitude__lte=north, longitude__gte=west, longitude__lte=east
    )


def cell_size(zoom, bbox):
    """Width of a grid cell in degrees of longitude; its height is scaled to look square."""
    size = 360 / (2**zoom) / CELLS_PER_TILE
    if bbox is not None:
        west, south, east, north = bbox
        size = max(size, (east - west) / MAX_CELLS_ACROSS, (north - south) / MAX_CELLS_ACROSS)
    return size


def grid_clusters(queryset, zoom, bbox):
    """Rows ``{cx, cy, count, lat, lng, first, <kind>...}`` grouped by grid cell, in SQL.

    ``queryset`` is already filtered (published, filters, bbox). ``first`` is the smallest pk
    of the cell: for a cell of one, it is that contribution.
    """
    width = cell_size(zoom, bbox)
    middle = 0 if bbox is None else (bbox[1] + bbox[3]) / 2
    # Mercator stretches latitude: shorter cells in degrees keep them square on screen.
    height = width * max(math.cos(math.radians(middle)), 0.05)
    kinds = {kind: Count("pk", filter=Q(kind=kind)) for kind in Contribution.Kind.values}
    return (
        queryset.order_by()  # the model's ordering would join the GROUP BY
        .annotate(
            cx=Floor(F("longitude") / Value(width, output_field=FloatField())),
            cy=Floor(F("latitude") / Value(height, output_field=FloatField())),
        )
        .values("cx", "cy")
        .annotate(
            count=Count("pk"),
            lat=Avg("latitude"),
            lng=Avg("longitude"),
            first=Min("pk"),
            **kinds,
        )
        .order_by("cx", "cy")
    )


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
