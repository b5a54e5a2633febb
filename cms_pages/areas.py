"""Where a point placed in a territory may lie (a contribution's, an initiative's): inside it.

A territory's area is its stored boundary (GeoJSON Polygon or MultiPolygon, holes included)
wherever one is stored. Where none is, the point must be nearer to this territory's centre
than to the centre of any other territory (and outside every other territory's stored
boundary): with five neighbouring EPCI, a point in Belfort is not accepted for the Pays de
Montbéliard just because it is close enough to its centre. The nearest-centre rule stays
within a box of ``CENTRE_BOX_DEGREES`` around the centre (about 55 km north-south and 37 km
east-west here), which catches swapped coordinates or a point far away. A territory with
neither boundary nor centre has no known area: a point cannot be checked, so none is accepted
(its contributions are placed by commune).

Plain Python on purpose: five territories, a few thousand vertices, one point per request;
no GEOS or PostGIS needed.
"""

import math

from django.core.exceptions import ValidationError

from .geo import boundary_bbox, normalise_boundary
from .models import TerritoryPage

CENTRE_BOX_DEGREES = 0.25


def _in_ring(ring, x, y):
    """Even-odd ray casting: True if (x, y) lies inside the closed ``ring`` of [x, y]."""
    inside = False
    previous = ring[-1]
    for current in ring:
        x1, y1 = current[0], current[1]
        x2, y2 = previous[0], previous[1]
        if (y1 > y) != (y2 > y):
            crossing = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < crossing:
                inside = not inside
        previous = current
    return inside


def _in_polygon(rings, x, y):
    """Inside the outer ring and outside every hole."""
    if not rings or not _in_ring(rings[0], x, y):
        return False
    return not any(_in_ring(hole, x, y) for hole in rings[1:])


def point_in_geometry(geometry, latitude, longitude):
    """True if the point lies inside a GeoJSON Polygon or MultiPolygon (holes excluded)."""
    if geometry["type"] == "Polygon":
        polygons = [geometry["coordinates"]]
    else:
        polygons = geometry["coordinates"]
    return any(_in_polygon(rings, longitude, latitude) for rings in polygons)


def territory_boundary(territory):
    """The territory's stored boundary as a geometry, or None when none (or a broken one)."""
    if not territory.boundary:
        return None
    try:
        return normalise_boundary(territory.boundary)
    except ValidationError:
        return None


def territory_bbox(territory):
    """``[west, south, east, north]`` of the area a point may lie in, or None if unknown."""
    geometry = territory_boundary(territory)
    if geometry:
        return boundary_bbox(geometry)
    if territory.latitude is None or territory.longitude is None:
        return None
    d = CENTRE_BOX_DEGREES
    lat, lng = territory.latitude, territory.longitude
    return [lng - d, lat - d, lng + d, lat + d]


def has_area(territory):
    """True if points can be checked against this territory."""
    return territory_bbox(territory) is not None


def other_territories(territory):
    """The other territories, with what the checks need (one query)."""
    return list(
        TerritoryPage.objects.exclude(pk=getattr(territory, "pk", None)).only(
            "pk", "latitude", "longitude", "boundary"
        )
    )


def _distance(lat1, lng1, lat2, lng2):
    """Equirectangular distance in degrees of latitude: exact enough at this scale."""
    stretch = math.cos(math.radians((lat1 + lat2) / 2))
    return math.hypot(lat1 - lat2, (lng1 - lng2) * stretch)


def nearest_centre_is(territory, latitude, longitude, others):
    """True if no other territory's centre is nearer to the point than ``territory``'s, and
    the point lies in no other territory's stored boundary."""
    own = _distance(latitude, longitude, territory.latitude, territory.longitude)
    for other in others:
        geometry = territory_boundary(other)
        if geometry and point_in_geometry(geometry, latitude, longitude):
            return False
        if other.latitude is None or other.longitude is None:
            continue
        if _distance(latitude, longitude, other.latitude, other.longitude) < own:
            return False
    return True


def territory_contains(territory, latitude, longitude, others=None):
    """True if the point lies in the territory's boundary; where no boundary is stored, if
    the territory's centre is the nearest one (within its centre box). False when the
    territory has no known area. ``others``: the other territories (read when not given)."""
    geometry = territory_boundary(territory)
    if geometry:
        return point_in_geometry(geometry, latitude, longitude)
    bbox = territory_bbox(territory)
    if bbox is None:
        return False
    west, south, east, north = bbox
    if not (west <= longitude <= east and south <= latitude <= north):
        return False
    if others is None:
        others = other_territories(territory)
    return nearest_centre_is(territory, latitude, longitude, others)
