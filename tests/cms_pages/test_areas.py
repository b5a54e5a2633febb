"""Point-in-territory checks of the online form (plain Python, no GIS library)."""

from types import SimpleNamespace

import pytest

from cms_pages.areas import point_in_geometry, territory_bbox, territory_contains

OUTER = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
HOLE = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]
POLYGON_WITH_HOLE = {"type": "Polygon", "coordinates": [OUTER, HOLE]}
MULTIPOLYGON = {
    "type": "MultiPolygon",
    "coordinates": [[OUTER], [[[20, 20], [30, 20], [25, 30], [20, 20]]]],
}


def territory(boundary=None, latitude=None, longitude=None):
    return SimpleNamespace(boundary=boundary, latitude=latitude, longitude=longitude)


@pytest.mark.parametrize(
    ("geometry", "lat", "lng", "inside"),
    [
        (POLYGON_WITH_HOLE, 2, 2, True),
        (POLYGON_WITH_HOLE, 5, 5, False),
        (POLYGON_WITH_HOLE, 5, 11, False),
        (POLYGON_WITH_HOLE, -1, 5, False),
        (MULTIPOLYGON, 22, 25, True),
        (MULTIPOLYGON, 28, 21, False),
    ],
    ids=[
        "in the polygon",
        "in its hole",
        "east of it",
        "south of it",
        "in the second part of a multipolygon",
        "beside the triangle, inside its box",
    ],
)
def test_point_in_geometry(geometry, lat, lng, inside):
    assert point_in_geometry(geometry, lat, lng) is inside


def test_territory_with_boundary_uses_the_polygon_not_its_box():
    assert not territory_contains(territory(POLYGON_WITH_HOLE, 5, 5), 5, 5)


def test_territory_boundary_stored_as_a_feature_is_understood():
    feature = {"type": "Feature", "geometry": POLYGON_WITH_HOLE, "properties": {}}
    assert territory_contains(territory(feature), 2, 2)


def test_territory_without_boundary_accepts_points_within_a_quarter_degree_of_its_centre():
    assert territory_contains(territory(latitude=47.5, longitude=7.0), 47.74, 6.76, others=[])


def test_territory_without_boundary_refuses_points_beyond_a_quarter_degree():
    assert not territory_contains(territory(latitude=47.5, longitude=7.0), 47.76, 7.0, others=[])


def test_territory_without_boundary_or_centre_has_no_area():
    assert territory_bbox(territory()) is None
    assert not territory_contains(territory(), 47.5, 7.0, others=[])


# Real centres (the demo's seats): Belfort and Montbéliard are 16 km apart.
BELFORT = (47.6379, 6.8628)
MONTBELIARD = (47.5103, 6.7984)
HERICOURT = (47.5775, 6.7617)


def test_a_point_in_belfort_is_refused_for_montbeliard_when_no_boundary_is_stored():
    """It lies within a quarter degree of Montbéliard's centre, but Belfort's is nearer."""
    montbeliard = territory(latitude=MONTBELIARD[0], longitude=MONTBELIARD[1])
    others = [territory(latitude=BELFORT[0], longitude=BELFORT[1])]
    assert not territory_contains(montbeliard, 47.6395, 6.8550, others=others)
    assert territory_contains(montbeliard, 47.5080, 6.8000, others=others)


def test_the_nearest_centre_decides_between_three_territories():
    belfort = territory(latitude=BELFORT[0], longitude=BELFORT[1])
    montbeliard = territory(latitude=MONTBELIARD[0], longitude=MONTBELIARD[1])
    hericourt = territory(latitude=HERICOURT[0], longitude=HERICOURT[1])
    point = (47.575, 6.765)  # in Héricourt
    assert territory_contains(hericourt, *point, others=[belfort, montbeliard])
    assert not territory_contains(belfort, *point, others=[hericourt, montbeliard])
    assert not territory_contains(montbeliard, *point, others=[belfort, hericourt])


def test_a_point_inside_another_territorys_boundary_is_refused():
    square = {
        "type": "Polygon",
        "coordinates": [[[6.7, 47.5], [6.9, 47.5], [6.9, 47.7], [6.7, 47.7], [6.7, 47.5]]],
    }
    near = territory(latitude=47.58, longitude=6.9)
    other = territory(boundary=square, latitude=47.0, longitude=6.0)
    assert not territory_contains(near, 47.58, 6.85, others=[other])
