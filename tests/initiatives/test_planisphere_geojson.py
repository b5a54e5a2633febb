"""The planisphère's GeoJSON: published initiatives only, no personal data, plain numbers."""

import json

import pytest
from django.utils import translation

from initiatives import geo
from initiatives.models import InitiativePage
from tests import factories
from tests.initiatives import planisphere_helpers as h

pytestmark = pytest.mark.django_db

GEOJSON = "/api/initiatives.geojson"
PROPERTIES = {
    "id",
    "kind",
    "name",
    "url",
    "summary",
    "maturity",
    "maturity_label",
    "territories",
    "enjeux",
}


def build_world():
    """The planisphère's world (planisphere_helpers.world) with a porteur and a member of
    ``velo``, built once for the module."""
    w = h.world()
    porteur = factories.MembershipFactory(initiative=w.initiatives["velo"])
    factories.MembershipFactory(
        initiative=w.initiatives["velo"], role="membre", user__email="m@x.fr"
    )
    w.porteur = porteur.user
    return w


def by_id(response):
    return {f["properties"]["id"]: f for f in response.json()["features"]}


def test_features_are_the_published_initiatives_with_a_point(client, world):
    features = by_id(client.get(GEOJSON))
    expected = {h.fid(world.initiatives[n]) for n in ("velo", "soleil", "rechecked")}
    assert set(features) == expected


def test_a_feature_carries_its_public_description(client, world):
    velo = world.initiatives["velo"]
    feature = by_id(client.get(GEOJSON))[h.fid(velo)]
    assert feature["geometry"] == {"type": "Point", "coordinates": [6.8638, 47.6397]}
    p = feature["properties"]
    assert set(p) == PROPERTIES
    assert p["name"] == "Vélo-école de Belfort"
    assert p["url"] == "/initiatives/velo-ecole/"
    assert p["kind"] == "initiative"
    assert p["maturity"] == "idee"
    with translation.override("fr"):
        assert p["maturity_label"] == str(InitiativePage.Maturity.IDEE.label)
    assert p["territories"] == ["Belfort test"]
    assert p["enjeux"] == ["Mobilité test"]


def test_no_personal_data_is_given(client, world):
    body = client.get(GEOJSON).content.decode()
    for forbidden in (
        "owner",
        "member",
        "porteur",
        "email",
        "@",
        world.porteur.display_name,
        world.porteur.username,
    ):
        assert forbidden not in body


def test_the_summary_is_shortened(client, world):
    velo = world.initiatives["velo"]
    velo.summary = "Une phrase assez longue. " * 12
    velo.save_revision().publish()
    summary = by_id(client.get(GEOJSON))[h.fid(velo)]["properties"]["summary"]
    assert len(summary) <= geo.SUMMARY_LENGTH
    assert summary.endswith("…")


def test_only_live_territories_and_enjeux_are_named(client, world):
    world.enjeux["mobilite"].unpublish()
    properties = by_id(client.get(GEOJSON))[h.fid(world.initiatives["velo"])]["properties"]
    assert properties["enjeux"] == []


def test_coordinates_are_plain_numbers_in_french(client, world):
    with translation.override("fr"):
        body = client.get(GEOJSON, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "47.6397" in body and "47,6397" not in body
    feature = by_id(client.get(GEOJSON))[h.fid(world.initiatives["soleil"])]
    assert all(isinstance(c, float) for c in feature["geometry"]["coordinates"])


def test_text_is_escaped_for_html_but_intact_as_json(client, world):
    velo = world.initiatives["velo"]
    velo.title = "<script>alert(1)</script> & co"
    velo.save_revision().publish()
    response = client.get(GEOJSON)
    assert "<script>" not in response.content.decode()
    assert by_id(response)[h.fid(velo)]["properties"]["name"] == velo.title


def test_browsers_keep_no_copy_and_the_page_cache_answers(client, world):
    """A copy kept by a browser would outlive a change: the server's page cache answers
    instead, and is never stale."""
    response = client.get(GEOJSON)
    assert response["Content-Type"].startswith("application/geo+json")
    assert "no-cache" in response["Cache-Control"]
    assert "max-age" not in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    assert client.get(GEOJSON)["X-Page-Cache"] == "hit"


def test_bbox_cuts_to_the_view(client, world):
    features = by_id(client.get(f"{GEOJSON}?bbox=6.85,47.6,6.9,47.7&zoom=12"))
    assert set(features) == {h.fid(world.initiatives[n]) for n in ("velo", "rechecked")}


@pytest.mark.parametrize(
    "query", ["bbox=1,2,3", "bbox=a,b,c,d", "zoom=99", "zoom=x", "bbox=10,10,0,0"]
)
def test_bad_geometry_parameters_are_a_400(client, world, query):
    response = client.get(f"{GEOJSON}?{query}")
    assert response.status_code == 400
    assert "error" in response.json()


def test_many_initiatives_zoomed_out_come_as_clusters(client, world, monkeypatch):
    monkeypatch.setattr(geo, "CLUSTER_ABOVE", 2)
    response = client.get(f"{GEOJSON}?bbox=6.5,47.3,7.2,47.9&zoom=8")
    features = response.json()["features"]
    clusters = [f for f in features if f["properties"]["kind"] == "cluster"]
    assert clusters
    assert (
        sum(f["properties"]["count"] for f in clusters)
        + sum(1 for f in features if f["properties"]["kind"] == "initiative")
        == 3
    )
    assert all(set(f["properties"]) == {"id", "kind", "name", "count", "extent"} for f in clusters)
    for cluster in clusters:
        west, south, east, north = cluster["properties"]["extent"]
        longitude, latitude = cluster["geometry"]["coordinates"]
        assert west <= longitude <= east and south <= latitude <= north


def test_zoomed_in_they_always_come_as_points(client, world, monkeypatch):
    monkeypatch.setattr(geo, "CLUSTER_ABOVE", 1)
    response = client.get(f"{GEOJSON}?bbox=6.5,47.3,7.2,47.9&zoom={geo.POINTS_FROM_ZOOM}")
    assert {f["properties"]["kind"] for f in response.json()["features"]} == {"initiative"}


def test_too_many_points_are_cut_and_said(client, world, monkeypatch):
    monkeypatch.setattr(geo, "MAX_POINTS", 2)
    body = client.get(GEOJSON).json()
    assert len(body["features"]) == 2
    assert body["truncated"] is True


def test_the_point_of_one_initiative_for_its_page(client, world):
    velo = world.initiatives["velo"]
    response = client.get(f"/initiatives/{velo.pk}/carte.geojson")
    assert response.status_code == 200
    assert [f["properties"]["id"] for f in response.json()["features"]] == [h.fid(velo)]
    assert "max-age" in response["Cache-Control"]


def test_the_point_of_a_draft_is_hidden_from_others(client, world):
    for name in ("draft", "pending"):
        response = client.get(f"/initiatives/{world.initiatives[name].pk}/carte.geojson")
        assert response.status_code == 404


def test_the_point_of_a_published_initiative_is_its_live_one(client, world):
    rechecked = world.initiatives["rechecked"]
    body = json.dumps(client.get(f"/initiatives/{rechecked.pk}/carte.geojson").json())
    assert h.LEAK not in body
