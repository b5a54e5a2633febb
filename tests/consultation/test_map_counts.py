"""Every published contribution reaches the map: placed by commune, it is drawn near its
commune's point (« position approximative »); with no point at all, it is counted in its
territory's « sans point » marker. Map and list always agree, for every filter."""

import datetime
import itertools
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from cms_pages.models import Commune
from consultation import geo
from consultation.models import Contribution
from tests.consultation.public_helpers import contribution, region_world

pytestmark = pytest.mark.django_db

GEOJSON = reverse("consultation:geojson")
MAP = reverse("consultation:map")
BELFORT = "SRID=4326;POINT(6.8628 47.6379)"


def build_world():
    world = region_world()
    region = world.region
    # "Belfort" (in region) gets a point; "Danjoutin" has none.
    region.commune.location = BELFORT
    region.commune.save()
    danjoutin = Commune.objects.create(territory=region.nord, name="Danjoutin", insee_code="90033")
    old = timezone.now() - datetime.timedelta(days=40)
    rows = [
        # (territory, kind, commune, exact point, enjeu, event)
        (region.nord, "revolte", None, (47.65, 6.85), True, False),
        (region.nord, "reve", None, (47.62, 6.82), False, True),
        (region.nord, "reve", region.commune, None, True, False),
        (region.nord, "reve", region.commune, None, False, False),
        (region.nord, "revolte", region.commune, None, False, True),
        (region.nord, "reve", danjoutin, None, True, False),
        (region.nord, "revolte", None, None, False, False),
        (region.sud, "reve", None, None, True, True),
        (region.sud, "revolte", None, (47.45, 6.85), False, False),
    ]
    for n, (territory, kind, commune, point, enjeu, event) in enumerate(rows):
        item = contribution(
            territory,
            point,
            kind=kind,
            commune=commune,
            event=region.event if event else None,
        )
        if enjeu:
            item.enjeux.add(region.enjeu)
        if n % 3 == 0:
            Contribution.objects.filter(pk=item.pk).update(created_at=old)
    # Never on the map nor in the list.
    contribution(region.nord, kind="reve", commune=region.commune, status="pending")
    return world


@pytest.fixture
def region(world):
    return world.region


def geojson(client, **params):
    response = client.get(GEOJSON, params)
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def map_counts(data):
    """(points, in clusters, in « sans point » markers) of a GeoJSON answer."""
    points = clustered = unplaced = 0
    for feature in data["features"]:
        properties = feature["properties"]
        if properties.get("role") == "boundary":
            continue
        if properties.get("kind") == "unplaced":
            unplaced += properties["unplaced"]
        elif properties.get("kind") == "cluster":
            clustered += properties["count"]
        else:
            points += 1
    return points, clustered, unplaced


def list_count(client, **params):
    response = client.get(MAP, params)
    assert response.status_code == 200
    return response.context["page_obj"].paginator.count


def every_filter(region):
    old = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    kinds = [None, "revolte", "reve"]
    territories = [None, "nord", "sud"]
    enjeux = [None, "mobilite"]
    events = [None, str(region.event.pk)]
    dates = [{}, {"au": old}, {"du": old}]
    for kind, territory, enjeu, event, period in itertools.product(
        kinds, territories, enjeux, events, dates
    ):
        params = dict(period)
        for name, value in (
            ("kind", kind),
            ("territoire", territory),
            ("enjeu", enjeu),
            ("evenement", event),
        ):
            if value is not None:
                params[name] = value
        yield params


@pytest.mark.parametrize("zoom", [None, "14", "6"], ids=["no zoom", "points", "clusters"])
def test_the_map_counts_as_many_contributions_as_the_list_for_every_filter(client, region, zoom):
    checked = 0
    for params in every_filter(region):
        data = geojson(client, **params, **({"zoom": zoom} if zoom else {}))
        assert "truncated" not in data
        expected = list_count(client, **params)
        assert sum(map_counts(data)) == expected, params
        assert sum(row["count"] for row in data["territories"]) == expected, params
        checked += 1
    assert checked == 108


def test_without_filter_every_kind_of_placement_is_on_the_map(client, region):
    points, clustered, unplaced = map_counts(geojson(client, zoom="14"))
    # Three exact points, three placed at Belfort's point; Danjoutin's and two by territory.
    assert (points, clustered, unplaced) == (6, 0, 3)


def test_rêves_of_a_territory_placed_by_commune_are_drawn(client, region):
    """The issue's case: ?kind=reve&territoire=… listed rêves the map did not draw."""
    data = geojson(client, kind="reve", territoire="nord", zoom="14")
    assert map_counts(data) == (3, 0, 1)
    assert list_count(client, kind="reve", territoire="nord") == 4


def test_a_capped_answer_says_it_is_truncated(client, region, monkeypatch):
    monkeypatch.setattr(geo, "MAX_POINTS", 2)
    data = geojson(client, zoom="14")
    assert data["truncated"] is True
    points, _, _ = map_counts(data)
    assert points == 2
    # Zoomed out, clusters are never cut: the counts add up again.
    assert sum(map_counts(geojson(client, zoom="6"))) == list_count(client)


def test_the_sans_point_marker_names_its_count_and_opens_the_list(client, region):
    data = geojson(client, kind="reve", zoom="14")
    markers = {
        f["properties"]["territory"]: f
        for f in data["features"]
        if f["properties"]["kind"] == "unplaced"
    }
    nord = markers["nord"]
    assert nord["properties"]["unplaced"] == 1
    assert nord["geometry"]["coordinates"] == [6.85, 47.65]  # the territory's centre
    url = nord["properties"]["url"]
    assert url.startswith(MAP + "?")
    assert "territoire=nord" in url and "kind=reve" in url
    assert "zoom" not in url and "bbox" not in url
    assert list_count(client, kind="reve", territoire="nord") == 4


def test_the_sans_point_marker_is_in_french(client, region):
    client.cookies["django_language"] = "fr"
    data = geojson(client, territoire="sud", zoom="14", HTTP_ACCEPT_LANGUAGE="fr")
    (marker,) = [f for f in data["features"] if f["properties"]["kind"] == "unplaced"]
    assert re.fullmatch(
        r"1 contribution placée sans point \(Sud\)", marker["properties"]["name"]
    ), marker["properties"]["name"]


def test_a_contribution_placed_by_commune_is_drawn_near_it_and_said_approximate(client, region):
    items = list(Contribution.objects.published().filter(commune=region.commune).order_by("pk"))
    assert len(items) == 3
    points = {(item.latitude, item.longitude) for item in items}
    assert len(points) == 3  # jittered: they do not hide each other
    for item in items:
        assert item.point_is_approximate
        assert abs(item.latitude - 47.6379) < 0.01 and abs(item.longitude - 6.8628) < 0.015
        assert (item.latitude, item.longitude) != (47.6379, 6.8628)
    data = geojson(client, zoom="14")
    feature = next(
        f for f in data["features"] if f["properties"]["id"] == f"contribution-{items[0].pk}"
    )
    assert feature["properties"]["approximate"] is True
    response = client.get(items[0].get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr")
    assert "Position approximative : cette contribution est placée par sa commune (Belfort)" in (
        response.content.decode()
    )


def test_the_jitter_is_deterministic(region):
    item = Contribution.objects.published().filter(commune=region.commune).first()
    before = (item.latitude, item.longitude)
    item.title = "Modifiée"
    item.save()
    item.refresh_from_db()
    assert (item.latitude, item.longitude) == before
    assert item.point_is_approximate


def test_an_exact_point_is_kept_when_a_commune_is_given(region):
    item = contribution(region.nord, (47.66, 6.87), commune=region.commune)
    item.refresh_from_db()
    assert (item.latitude, item.longitude, item.point_is_approximate) == (47.66, 6.87, False)


def test_a_commune_given_a_point_later_draws_its_contributions(region):
    danjoutin = Commune.objects.get(insee_code="90033")
    item = Contribution.objects.get(commune=danjoutin)
    assert item.latitude is None
    danjoutin.location = "SRID=4326;POINT(6.8633 47.6166)"
    danjoutin.save()
    item.refresh_from_db()
    assert item.point_is_approximate and abs(item.latitude - 47.6166) < 0.01
    # Moving the commune moves them; deleting it leaves them without a point.
    danjoutin.location = "SRID=4326;POINT(6.9 47.6)"
    danjoutin.save()
    item.refresh_from_db()
    assert abs(item.longitude - 6.9) < 0.015
    danjoutin.delete()
    item.refresh_from_db()
    assert (item.latitude, item.longitude, item.point_is_approximate, item.commune) == (
        None,
        None,
        False,
        None,
    )


def test_changing_the_commune_of_an_approximate_contribution_moves_it(region):
    item = Contribution.objects.published().filter(commune=region.commune).first()
    other = Commune.objects.create(
        territory=region.nord,
        name="Offemont",
        insee_code="90075",
        location="SRID=4326;POINT(6.88 47.66)",
    )
    item.commune = other
    item.save()
    item.refresh_from_db()
    assert item.point_is_approximate and abs(item.latitude - 47.66) < 0.01


def test_the_clustering_query_uses_the_indexed_columns(region):
    """Approximate points are in the contribution's own latitude/longitude: no join."""
    sql = str(geo.grid_clusters(Contribution.objects.published(), 6, None).query)
    assert "cms_pages_commune" not in sql


def test_a_moderator_moving_an_approximate_point_makes_it_exact(region):
    item = Contribution.objects.published().filter(commune=region.commune).first()
    item = Contribution.objects.get(pk=item.pk)
    item.latitude, item.longitude = 47.641, 6.861
    item.save()
    item.refresh_from_db()
    assert (item.latitude, item.longitude, item.point_is_approximate) == (47.641, 6.861, False)
