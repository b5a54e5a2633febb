"""The territories GeoJSON feeding the maps of home and territory pages."""

import pytest
from django.urls import reverse

from tests.factories import TerritoryIndexPageFactory, TerritoryPageFactory, site_with_home_page

pytestmark = pytest.mark.django_db

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[6.8, 47.6], [6.9, 47.6], [6.9, 47.7], [6.8, 47.7], [6.8, 47.6]]],
}


def build_world():
    """A published territory with a boundary and a draft one, built once for the module."""
    index = TerritoryIndexPageFactory(parent=site_with_home_page())
    belfort = TerritoryPageFactory(
        parent=index, title="Grand Belfort", slug="grand-belfort", boundary=SQUARE
    )
    draft = TerritoryPageFactory(parent=index, title="Brouillon", slug="brouillon", live=False)
    return belfort, draft


@pytest.fixture
def territories(world):
    return world


def features(client, **params):
    response = client.get(reverse("territories-geojson"), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    return response.json()["features"]


def test_each_territory_has_its_centre_point_and_boundary(client, territories):
    roles = {(f["properties"]["name"], f["properties"]["role"]) for f in features(client)}
    assert roles == {("Grand Belfort", "centre"), ("Grand Belfort", "boundary")}


def test_a_territory_without_any_position_comes_without_geometry_and_says_so(client, territories):
    TerritoryPageFactory(
        parent=territories[0].get_parent(),
        title="Vosges du Sud",
        slug="vosges-du-sud",
        location="",
        boundary=None,
    )
    (vosges,) = features(client, territoire="vosges-du-sud")
    assert vosges["geometry"] is None
    assert vosges["properties"]["name"] == "Vosges du Sud"
    assert vosges["properties"]["note"] == "Pas encore sur la carte : sa position n'est pas connue."


def test_centre_point_is_longitude_then_latitude(client, territories):
    centre = next(f for f in features(client) if f["properties"]["role"] == "centre")
    assert centre["geometry"] == {"type": "Point", "coordinates": [6.8638, 47.6397]}


def test_filter_by_territory_slug(client, territories):
    TerritoryPageFactory(parent=territories[0].get_parent(), title="Sud Territoire")
    names = {f["properties"]["name"] for f in features(client, territoire="grand-belfort")}
    assert names == {"Grand Belfort"}


def test_unpublished_territory_is_absent(client, territories):
    assert "Brouillon" not in {f["properties"]["name"] for f in features(client)}


def test_names_are_escaped_for_html(client, territories):
    belfort, _ = territories
    belfort.title = "<script>alert(1)</script>"
    belfort.save_revision().publish()
    body = client.get(reverse("territories-geojson")).content.decode()
    assert "<script>" not in body
    assert "\\u003Cscript\\u003E" in body


def test_geojson_query_count_does_not_grow_with_territories(
    client, territories, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # the rendering is measured, not the page cache
    index = territories[0].get_parent()
    with django_assert_max_num_queries(6):
        features(client)
    for _ in range(10):
        TerritoryPageFactory(parent=index)
    with django_assert_max_num_queries(6):
        assert len(features(client)) == 12
