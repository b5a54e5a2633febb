"""Zoomed out, /api/contributions.geojson returns grid clusters counted in SQL."""

import json
from types import SimpleNamespace

import pytest
from django.urls import reverse

from cms_pages.geo import MAX_CELLS_ACROSS
from consultation import geo
from consultation.models import Contribution
from tests import factories
from tests.consultation.public_helpers import (
    EXACT,
    EXACT_TEXTS,
    contribution,
    grid_points,
    make_region,
)

pytestmark = pytest.mark.django_db

URL = reverse("consultation:geojson")
REGION_BBOX = "6.5,47.3,7.2,47.9"


def build_world():
    """The region with its crowd (the tests of an empty region remove it: ``region``)."""
    home = factories.site_with_home_page()
    region = make_region(home)
    add_crowd(region)
    return SimpleNamespace(home=home, region=region)


@pytest.fixture
def home_page(world):
    return world.home


@pytest.fixture
def region(world):
    """The region without any contribution."""
    Contribution.objects.all().delete()
    return world.region


def features(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    return [
        f
        for f in json.loads(response.content)["features"]
        if f["properties"].get("role") != "boundary"
    ]


def clusters(client, **params):
    return [f for f in features(client, **params) if "count" in f["properties"]]


def represented(client, **params):
    """How many contributions the features stand for: a cluster its count, a point one."""
    return sum(f["properties"].get("count", 1) for f in features(client, **params))


def add_crowd(region):
    """Forty published révoltes and rêves packed in nord, two in sud, and unpublished ones."""
    points = grid_points(40, step=0.002)
    for i, point in enumerate(points):
        contribution(region.nord, point, kind="revolte" if i % 3 else "reve")
    contribution(region.sud, (47.45, 6.85))
    contribution(region.sud, (47.46, 6.70))
    for status in ("pending", "hidden", "rejected"):
        contribution(region.nord, points[0], status=status)


@pytest.fixture
def crowd(world):
    """The region and its crowd (``add_crowd``)."""
    return world.region


def test_below_the_threshold_zoom_points_come_as_counted_clusters(client, crowd, settings):
    zoom = settings.CONTRIBUTIONS_CLUSTER_BELOW_ZOOM - 1
    assert clusters(client, zoom=zoom, bbox=REGION_BBOX)


def test_at_the_threshold_zoom_every_point_comes_alone(client, crowd, settings):
    zoom = settings.CONTRIBUTIONS_CLUSTER_BELOW_ZOOM
    assert clusters(client, zoom=zoom, bbox=REGION_BBOX) == []


@pytest.mark.parametrize("zoom", [0, 5, 8, 10, 12])
def test_cluster_counts_add_up_to_the_published_points_in_the_bbox(client, crowd, zoom):
    assert represented(client, zoom=zoom, bbox=REGION_BBOX) == 42


def test_only_points_inside_the_bbox_are_counted(client, crowd):
    assert represented(client, zoom=8, bbox="6.8,47.4,6.9,47.5") == 1


def test_a_cluster_counts_each_kind(client, crowd):
    for cluster in clusters(client, zoom=8, bbox=REGION_BBOX):
        kinds = cluster["properties"]["kinds"]
        assert sum(kinds.values()) == cluster["properties"]["count"]


def test_a_cell_holding_one_contribution_is_that_contribution_as_a_point(client, region):
    alone = contribution(region.sud, (47.45, 6.85), title="Seule")
    (feature,) = features(client, zoom=8, bbox=REGION_BBOX)
    assert feature["properties"]["id"] == f"contribution-{alone.pk}"
    assert feature["properties"]["name"] == "Seule"
    assert "count" not in feature["properties"]


def test_a_cluster_is_a_point_on_public_coordinates(client, region):
    contribution(region.nord, EXACT)
    contribution(region.nord, (EXACT[0] + 0.0001, EXACT[1] + 0.0001))
    (cluster,) = clusters(client, zoom=8, bbox=REGION_BBOX)
    longitude, latitude = cluster["geometry"]["coordinates"]
    assert (round(latitude, 3), round(longitude, 3)) == (latitude, longitude)


def test_clustered_answer_shows_no_exact_coordinate(client, region):
    contribution(region.nord, EXACT)
    body = client.get(URL, {"zoom": 8, "bbox": REGION_BBOX}).content.decode()
    assert not any(text in body for text in EXACT_TEXTS)


def test_unpublished_contributions_are_not_counted_in_clusters(client, region):
    for status in ("pending", "hidden", "rejected"):
        contribution(region.nord, EXACT, status=status)
    assert features(client, zoom=8, bbox=REGION_BBOX) == []


def test_filters_apply_to_clusters(client, crowd):
    assert represented(client, zoom=8, bbox=REGION_BBOX, territoire="sud") == 2


def test_a_huge_bbox_at_a_close_zoom_still_gives_a_bounded_grid(client, crowd):
    found = clusters(client, zoom=12, bbox="-180,-90,180,90")
    assert len(found) <= MAX_CELLS_ACROSS**2


def test_lightened_boundary_stays_a_closed_polygon():
    ring = [[6.8 + i * 0.00001, 47.6] for i in range(50)] + [[6.9, 47.7], [6.8, 47.7]]
    ring.append(ring[0])
    light = geo.light_boundary({"type": "Polygon", "coordinates": [ring]}, zoom=8)
    outer = light["coordinates"][0]
    assert outer[0] == outer[-1]
    assert len(outer) < len(ring)


def test_a_cluster_gives_the_extent_of_its_members_on_public_coordinates(client, region):
    contribution(region.nord, (47.6012, 6.8034))
    contribution(region.nord, (47.6187, 6.8251))
    (cluster,) = clusters(client, zoom=8, bbox=REGION_BBOX)
    assert cluster["properties"]["extent"] == [6.803, 47.601, 6.825, 47.619]
