"""Where a point placed in a territory may lie (a contribution's, an initiative's): inside it.

A territory's area is its stored boundary (GeoJSON Polygon or MultiPolygon, holes included)
wherever one is stored. Where none is, the area is a box of ``CENTRE_BOX_DEGREES`` around the
territory's centre point (the member communes carry no coordinates, so they cannot narrow it):
about 55 km north-south and 37 km east-west here, wide enough for an EPCI of the Nord
Franche-Comté and narrow enough to catch a point placed in the wrong territory or swapped
coordinates. A territory with neither boundary nor centre has no known area: a point cannot be
checked, so none is accepted (its contributions are placed by commune).

Plain Python on purpose: five territories, a few thousand vertices, one point per request;
no GEOS or PostGIS needed.
"""

from django.core.exceptions import ValidationError

from .geo import boundary_bbox, normalise_boundary

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


def territory_contains(territory, latitude, longitude):
    """True if the point lies in the territory's boundary, or in its centre box where no
    boundary is stored; False when the territory has no known area."""
    geometry = territory_boundary(territory)
    if geometry:
        return point_in_geometry(geometry, latitude, longitude)
    bbox = territory_bbox(territory)
    if bbox is None:
        return False
    west, south, east, north = bbox
    return west <= longitude <= east and south <= latitude <= north
