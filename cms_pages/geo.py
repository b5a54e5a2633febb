"""Geography shared by the page types and the plugins' maps: points, boundaries, the admin
map panel, and the ``bbox``/``zoom`` of a map's GeoJSON request with its grid clusters.

Zoomed out, a map receives grid clusters computed by the database (GROUP BY a cell of the
indexed latitude/longitude), so its payload and time do not grow with the number of points.
"""

import hashlib
import json
import math
import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Avg, Count, F, FloatField, Max, Min, Value
from django.db.models.functions import Floor
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtailgeowidget.panels import LeafletPanel
from wagtailgeowidget.widgets import LeafletField

# wagtailgeowidget stores a point as EWKT in a single text field.
POINT_RE = re.compile(
    r"^\s*(?:SRID=4326;)?\s*POINT\s*\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)\s*$",
    re.IGNORECASE,
)


def parse_point(value):
    """Return ``(latitude, longitude)`` from ``SRID=4326;POINT(lng lat)``, or None if empty."""
    if not value:
        return None
    match = POINT_RE.match(value)
    if not match:
        raise ValidationError(_("Invalid point: expected a position chosen on the map."))
    lng, lat = float(match.group(1)), float(match.group(2))
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        raise ValidationError(_("Invalid point: latitude or longitude out of range."))
    return lat, lng


def format_point(latitude, longitude):
    """Return the EWKT text that wagtailgeowidget expects for a point."""
    return f"SRID=4326;POINT({longitude} {latitude})"


# A point placed by commune lies this far from the commune's centre, in degrees of latitude:
# about 250 m to 750 m, beyond the public rounding (about 100 m), within the commune.
JITTER_MIN_DEGREES = 0.00225
JITTER_MAX_DEGREES = 0.00675


def jittered_point(latitude, longitude, key):
    """A point near ``(latitude, longitude)`` that depends only on ``key``: several items
    placed at one commune's centre do not hide each other, and the same item always lands
    at the same place (no randomness between requests or processes)."""
    digest = hashlib.sha256(str(key).encode()).digest()
    angle = int.from_bytes(digest[:4], "big") / 2**32 * 2 * math.pi
    share = int.from_bytes(digest[4:8], "big") / 2**32
    distance = JITTER_MIN_DEGREES + share * (JITTER_MAX_DEGREES - JITTER_MIN_DEGREES)
    stretch = max(math.cos(math.radians(latitude)), 0.05)
    return (
        latitude + distance * math.sin(angle),
        longitude + distance * math.cos(angle) / stretch,
    )


class LocatedMixin(models.Model):
    """A point chosen on the admin map, mirrored in indexed float fields for queries."""

    location = models.CharField(
        _("position on the map"), max_length=100, blank=True, validators=[parse_point]
    )
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True, editable=False, db_index=True
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True, editable=False, db_index=True
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        point = parse_point(self.location)
        self.latitude, self.longitude = point if point else (None, None)
        super().save(*args, **kwargs)


def _check_position(position, where):
    if not isinstance(position, list | tuple) or len(position) < 2:
        raise ValidationError(
            _(
                "Invalid boundary: %(where)s holds a value that is not a "
                "[longitude, latitude] position."
            ),
            params={"where": where},
        )
    lng, lat = position[0], position[1]
    if not all(isinstance(c, int | float) and math.isfinite(c) for c in (lng, lat)):
        raise ValidationError(
            _("Invalid boundary: %(where)s has a coordinate that is not a number."),
            params={"where": where},
        )
    if not (-180 <= lng <= 180 and -90 <= lat <= 90):
        raise ValidationError(
            _(
                "Invalid boundary: %(where)s is outside WGS84 longitude/latitude ranges "
                "(the file must use EPSG:4326 coordinates)."
            ),
            params={"where": where},
        )


def _check_polygon(rings, where):
    if not isinstance(rings, list) or not rings:
        raise ValidationError(
            _("Invalid boundary: %(where)s has no ring."), params={"where": where}
        )
    for r, ring in enumerate(rings, start=1):
        ring_where = _("%(polygon)s, ring %(ring)s") % {"polygon": where, "ring": r}
        if not isinstance(ring, list) or len(ring) < 4:
            raise ValidationError(
                _("Invalid boundary: %(where)s needs at least four positions."),
                params={"where": ring_where},
            )
        for position in ring:
            _check_position(position, ring_where)
        if list(ring[0][:2]) != list(ring[-1][:2]):
            raise ValidationError(
                _("Invalid boundary: %(where)s is not closed."), params={"where": ring_where}
            )


def normalise_boundary(data):
    """Return the Polygon/MultiPolygon geometry inside ``data`` (geometry, Feature or
    FeatureCollection with one feature), or raise a ValidationError in French."""
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        features = data.get("features") or []
        if len(features) != 1:
            raise ValidationError(
                _("Invalid boundary: the collection must hold exactly one feature.")
            )
        data = features[0]
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = data.get("geometry")
    if not isinstance(data, dict) or data.get("type") not in ("Polygon", "MultiPolygon"):
        raise ValidationError(
            _("Invalid boundary: the geometry must be a Polygon or a MultiPolygon.")
        )
    coordinates = data.get("coordinates")
    if data["type"] == "Polygon":
        _check_polygon(coordinates, _("polygon %(number)s") % {"number": 1})
    else:
        if not isinstance(coordinates, list) or not coordinates:
            raise ValidationError(_("Invalid boundary: the MultiPolygon has no polygon."))
        for p, polygon in enumerate(coordinates, start=1):
            _check_polygon(polygon, _("polygon %(number)s") % {"number": p})
    return {"type": data["type"], "coordinates": coordinates}


def validate_boundary(value):
    """Model validator: a WGS84 Polygon or MultiPolygon no larger than BOUNDARY_MAX_BYTES."""
    if value in (None, ""):
        return
    size = len(json.dumps(value, separators=(",", ":")))
    if size > settings.BOUNDARY_MAX_BYTES:
        raise ValidationError(
            _("Invalid boundary: %(size)s bytes, the limit is %(limit)s bytes."),
            params={"size": size, "limit": settings.BOUNDARY_MAX_BYTES},
        )
    normalise_boundary(value)


def boundary_bbox(geometry):
    """Return ``[west, south, east, north]`` of a Polygon or MultiPolygon."""
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    lngs = [p[0] for polygon in polygons for ring in polygon for p in ring]
    lats = [p[1] for polygon in polygons for ring in polygon for p in ring]
    return [min(lngs), min(lats), max(lngs), max(lats)]


class LocalLeafletField(LeafletField):
    """wagtailgeowidget's Leaflet widget, with Leaflet served from our own static files
    instead of a public CDN."""

    @cached_property
    def media(self):
        return forms.Media(
            css={
                "all": (
                    "wagtailgeowidget/css/leaflet-field.css",
                    "vendor/leaflet/leaflet.css",
                )
            },
            js=(
                "wagtailgeowidget/js/leaflet-field.js",
                "wagtailgeowidget/js/leaflet-field-controller.js",
                "vendor/leaflet/leaflet.js",
            ),
        )


class LocalLeafletPanel(LeafletPanel):
    """A LeafletPanel whose widget loads Leaflet locally."""

    def widget_overrides(self):
        return {
            self.field_name: LocalLeafletField(
                address_field=self.address_field,
                zoom_field=self.zoom_field,
                hide_latlng=self.hide_latlng,
                zoom=self.zoom,
                srid=4326,
                id_prefix="id_",
            )
        }


# A map's GeoJSON request: ``bbox`` and ``zoom``, and grid clusters counted in SQL.

MAX_PARAMETER_LENGTH = 200
MAX_ZOOM = 22
# About four cells across a 256-pixel tile: a cell is close to the client's own grouping.
CELLS_PER_TILE = 4
# Whatever the bbox, at most this many cells across it (bounds the clusters returned).
MAX_CELLS_ACROSS = 64


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


def in_bbox(queryset, bbox):
    """Rows with a point, inside ``bbox`` when there is one (uses the point index).

    ``queryset`` has indexed ``latitude`` and ``longitude`` fields."""
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


def cluster_extent(row, rounding):
    """A grid cluster's ``[west, south, east, north]``, each rounded by ``rounding``."""
    return [rounding(row[key]) for key in ("min_lng", "min_lat", "max_lng", "max_lat")]


def grid_clusters(queryset, zoom, bbox, **aggregates):
    """Rows ``{cx, cy, count, lat, lng, first, min_lat, min_lng, max_lat, max_lng,
    **aggregates}`` grouped by grid cell, in SQL.

    ``queryset`` is already filtered (published, filters, bbox). ``first`` is the smallest pk
    of the cell: for a cell of one, that row. ``min_lat``… ``max_lng`` bound its points: a
    map fitting its view to a cluster's centre alone would leave its outer points out.
    ``aggregates`` add counts of their own to each cell (e.g. one per kind of contribution).
    """
    width = cell_size(zoom, bbox)
    middle = 0 if bbox is None else (bbox[1] + bbox[3]) / 2
    # Mercator stretches latitude: shorter cells in degrees keep them square on screen.
    height = width * max(math.cos(math.radians(middle)), 0.05)
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
            min_lat=Min("latitude"),
            min_lng=Min("longitude"),
            max_lat=Max("latitude"),
            max_lng=Max("longitude"),
            **aggregates,
        )
        .order_by("cx", "cy")
    )
