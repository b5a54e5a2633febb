"""/api/contributions.geojson: valid RFC 7946, published only, rounded, filtered, and a 400
(never a 500) for any malformed parameter."""

import datetime
import json
import math

import pytest
from django.urls import reverse
from django.utils import timezone

from consultation import geo
from consultation.models import Contribution
from tests.consultation.public_helpers import (
    EXACT,
    EXACT_TEXTS,
    UNPUBLISHED,
    XSS,
    contribution,
    grid_points,
    region_world,
)

pytestmark = pytest.mark.django_db

URL = reverse("consultation:geojson")
ZOOMED_IN = {"zoom": "14"}


build_world = region_world  # once per module (tests/worlds.py)


@pytest.fixture
def home_page(world):
    return world.home


@pytest.fixture
def region(world):
    return world.region


def get(client, **params):
    return client.get(URL, params)


def collection(client, **params):
    response = get(client, **params)
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def contribution_features(client, **params):
    return [
        f
        for f in collection(client, **params)["features"]
        if f["properties"].get("role") is None and f["properties"].get("kind") != "unplaced"
    ]


def ids(client, **params):
    return {f["properties"]["id"] for f in contribution_features(client, **params)}


def feature_id(item):
    return f"contribution-{item.pk}"


# Validity ---------------------------------------------------------------------------------


def test_answer_is_a_feature_collection_served_as_geojson(client, region):
    contribution(region.nord, EXACT)
    response = get(client, **ZOOMED_IN)
    assert response["Content-Type"].startswith("application/geo+json")
    assert json.loads(response.content)["type"] == "FeatureCollection"


def test_points_are_longitude_then_latitude_finite_numbers(client, region):
    contribution(region.nord, EXACT)
    (feature,) = contribution_features(client, **ZOOMED_IN)
    assert feature["type"] == "Feature"
    assert feature["geometry"]["type"] == "Point"
    longitude, latitude = feature["geometry"]["coordinates"]
    assert all(isinstance(n, float) and math.isfinite(n) for n in (longitude, latitude))
    assert (latitude, longitude) == (47.651, 6.86)


def test_a_point_carries_only_public_properties(client, region):
    item = contribution(region.nord, EXACT, title="Bus de nuit", support_count=4)
    (feature,) = contribution_features(client, **ZOOMED_IN)
    assert feature["properties"] == {
        "id": feature_id(item),
        "kind": "revolte",
        "name": "Bus de nuit",
        "url": item.get_absolute_url(),
        "support_count": 4,
    }


def test_a_contribution_without_title_is_named_by_the_start_of_its_text(client, region):
    contribution(region.nord, EXACT, title="", text="Mot " * 100)
    (feature,) = contribution_features(client, **ZOOMED_IN)
    assert feature["properties"]["name"].startswith("Mot Mot")
    assert len(feature["properties"]["name"]) <= 80


def test_a_contribution_without_point_is_not_a_feature(client, region):
    contribution(region.nord)
    assert contribution_features(client, **ZOOMED_IN) == []


# Visibility, personal data, rounding ------------------------------------------------------


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_unpublished_contributions_are_never_features(client, region, status):
    contribution(region.nord, EXACT, status=status)
    assert ids(client, **ZOOMED_IN) == set()


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_unpublished_contributions_are_not_in_the_territory_counts(client, region, status):
    contribution(region.nord, EXACT, status=status)
    assert collection(client, **ZOOMED_IN)["territories"] == []


def test_unpublished_contributions_are_hidden_from_their_author_too(client, region, user):
    contribution(region.nord, EXACT, status="pending", author=user)
    client.force_login(user)
    assert ids(client, **ZOOMED_IN) == set()


def test_no_exact_coordinate_appears(client, region):
    contribution(region.nord, EXACT)
    body = get(client, **ZOOMED_IN).content.decode()
    assert not any(text in body for text in EXACT_TEXTS)


def test_no_author_facilitator_or_participant_appears(client, region, user):
    facilitator = type(user).objects.create(username="animatrice-zoe", email="zoe@example.org")
    contribution(
        region.nord,
        EXACT,
        author=user,
        facilitator=facilitator,
        participant_first_name="Hortense",
        source="event",
        event=region.event,
    )
    body = get(client, **ZOOMED_IN).content.decode()
    for private in (user.username, user.email, "animatrice-zoe", "Hortense"):
        assert private not in body


def test_text_is_escaped_so_the_json_is_inert_in_html(client, region):
    contribution(region.nord, EXACT, title=XSS)
    body = get(client, **ZOOMED_IN).content.decode()
    assert "<" not in body
    assert ids(client, **ZOOMED_IN)  # still there, escaped
    (feature,) = contribution_features(client, **ZOOMED_IN)
    assert feature["properties"]["name"] == XSS


# Filters and bbox ---------------------------------------------------------------------------


def test_kind_filter_keeps_that_kind(client, region):
    revolte = contribution(region.nord, EXACT, kind="revolte")
    contribution(region.nord, EXACT, kind="reve")
    assert ids(client, kind="revolte", **ZOOMED_IN) == {feature_id(revolte)}


def test_territory_filter_keeps_that_territory(client, region):
    contribution(region.nord, EXACT)
    south = contribution(region.sud, (47.45, 6.85))
    assert ids(client, territoire="sud", **ZOOMED_IN) == {feature_id(south)}


def test_enjeu_filter_keeps_contributions_linked_to_it(client, region):
    linked = contribution(region.nord, EXACT)
    linked.enjeux.add(region.enjeu)
    contribution(region.nord, EXACT)
    assert ids(client, enjeu="mobilite", **ZOOMED_IN) == {feature_id(linked)}


def test_event_filter_keeps_contributions_from_that_event(client, region):
    captured = contribution(region.nord, EXACT, source="event", event=region.event)
    contribution(region.nord, EXACT)
    assert ids(client, evenement=str(region.event.pk), **ZOOMED_IN) == {feature_id(captured)}


def test_period_filter_keeps_contributions_created_in_it(client, region):
    old, recent = contribution(region.nord, EXACT), contribution(region.nord, EXACT)
    Contribution.objects.filter(pk=old.pk).update(
        created_at=timezone.make_aware(datetime.datetime(2024, 3, 1, 23, 30))
    )
    Contribution.objects.filter(pk=recent.pk).update(
        created_at=timezone.make_aware(datetime.datetime(2024, 3, 2, 0, 30))
    )
    assert ids(client, du="2024-03-02", **ZOOMED_IN) == {feature_id(recent)}
    assert ids(client, au="2024-03-01", **ZOOMED_IN) == {feature_id(old)}


def test_bbox_keeps_points_inside_it(client, region):
    inside = contribution(region.nord, (47.65, 6.85))
    contribution(region.nord, (47.69, 6.89))
    assert ids(client, bbox="6.84,47.64,6.86,47.66", **ZOOMED_IN) == {feature_id(inside)}


def test_territory_counts_include_contributions_without_a_point(client, region):
    contribution(region.nord, EXACT, kind="revolte")
    contribution(region.nord, kind="reve")
    contribution(region.sud, kind="reve")
    territories = collection(client, bbox="6.84,47.64,6.86,47.66", **ZOOMED_IN)["territories"]
    assert territories == [{"slug": "nord", "count": 2}, {"slug": "sud", "count": 1}]


def test_territory_counts_name_only_published_territories(client, region):
    contribution(region.sud)
    region.sud.unpublish()
    assert collection(client, **ZOOMED_IN)["territories"] == []


def test_stored_boundaries_are_drawn_as_areas(client, region):
    boundaries = [
        f for f in collection(client, **ZOOMED_IN)["features"] if f["properties"].get("role")
    ]
    assert [(f["properties"]["id"], f["geometry"]["type"]) for f in boundaries] == [
        (f"territoire-{region.nord.pk}", "Polygon")
    ]


def test_territory_filter_keeps_only_its_boundary(client, region):
    features = collection(client, territoire="sud", **ZOOMED_IN)["features"]
    assert [f for f in features if f["properties"].get("role") == "boundary"] == []


def test_zoomed_in_points_are_capped_and_the_answer_says_so(client, region, monkeypatch):
    monkeypatch.setattr(geo, "MAX_POINTS", 2)
    for point in grid_points(3):
        contribution(region.nord, point)
    answer = collection(client, **ZOOMED_IN)
    assert len(answer["features"]) - 1 == 2  # plus the boundary
    assert answer["truncated"] is True


# Malformed parameters: 400 with a message ---------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"bbox": "a,b,c,d"},
        {"bbox": "1,2,3"},
        {"bbox": "1,2,3,4,5"},
        {"bbox": "nan,0,1,1"},
        {"bbox": "0,0,inf,1"},
        {"bbox": "200,0,1,1"},
        {"bbox": "0,-91,1,1"},
        {"bbox": "7,47,6,48"},  # west > east
        {"bbox": "6,48,7,47"},  # south > north
        {"bbox": "1," * 1000 + "1"},
        {"bbox": "0\x00,0,1,1"},
        {"zoom": "-1"},
        {"zoom": "99"},
        {"zoom": "abc"},
        {"zoom": "nan"},
        {"zoom": "1e400"},
        {"kind": "volcan"},
        {"territoire": "inconnu"},
        {"territoire": "x" * 5000},
        {"enjeu": "inconnu"},
        {"evenement": "abc"},
        {"evenement": "99999999999999999999999"},
        {"du": "hier"},
        {"du": "1999-12-31"},
        {"au": "2024-02-30"},
        {"du": "2024-03-02", "au": "2024-03-01"},
    ],
    ids=lambda params: ",".join(f"{k}={v[:20]!r}" for k, v in params.items()),
)
def test_malformed_parameters_get_a_400_with_a_message(client, region, params):
    response = get(client, **params)
    assert response.status_code == 400
    assert json.loads(response.content)["error"]


def test_half_zoom_steps_sent_by_the_map_are_accepted(client, region):
    item = contribution(region.nord, EXACT)
    assert ids(client, zoom="10.5", bbox="6.5,47.3,7.2,47.9") == {feature_id(item)}


# Queries ------------------------------------------------------------------------------------


@pytest.mark.parametrize("zoom", ["9", "14"], ids=["clustered", "points"])
def test_query_count_is_bounded_at_two_data_sizes(
    client, region, django_assert_max_num_queries, zoom
):
    params = {"zoom": zoom, "bbox": "6.7,47.5,7.0,47.8", "territoire": "nord"}
    for point in grid_points(5):
        contribution(region.nord, point)
    get(client, **params)
    with django_assert_max_num_queries(8):
        assert get(client, **params).status_code == 200
    for point in grid_points(60):
        contribution(region.nord, point).enjeux.add(region.enjeu)
    with django_assert_max_num_queries(8):
        assert get(client, **params).status_code == 200
