"""The planisphère's filters narrow its list and its GeoJSON the same way; bad values never
make a 500."""

import pytest

from tests.initiatives import planisphere_helpers as h

pytestmark = pytest.mark.django_db

PAGE = "/initiatives/"
GEOJSON = "/api/initiatives.geojson"


def build_world():
    """The planisphère's world (planisphere_helpers.world), built once for the module."""
    return h.world()


def located(world, *names):
    """Feature ids of the named initiatives that have a point (the GeoJSON shows those)."""
    return {h.fid(world.initiatives[n]) for n in names if world.initiatives[n].latitude}


def listed(world, *names):
    return {h.fid(world.initiatives[n]) for n in names}


PUBLISHED = ("velo", "soleil", "jardin", "rechecked")


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", PUBLISHED),
        ("territoire=belfort-test", ("velo", "jardin", "rechecked")),
        ("territoire=montbeliard-test", ("soleil", "jardin")),
        ("enjeu=nrj", ("soleil", "jardin")),
        ("enjeu=mob", ("velo", "jardin", "rechecked")),
        ("maturite=activite", ("soleil",)),
        ("maturite=lancement", ("jardin",)),
        ("finalite=lucrativite_limitee", ("soleil",)),
        ("organisation=cooperative", ("soleil",)),
        ("organisation=association", ("velo", "jardin", "rechecked")),
        ("territoire=belfort-test&enjeu=nrj", ("jardin",)),
        ("maturite=consolidation", ()),
    ],
)
def test_each_filter_narrows_the_list_and_the_geojson_alike(client, world, query, expected):
    page = client.get(f"{PAGE}?{query}")
    geojson = client.get(f"{GEOJSON}?{query}")
    assert page.status_code == 200 and geojson.status_code == 200
    assert h.list_ids(page) == listed(world, *expected)
    assert h.feature_ids(geojson) == located(world, *expected)


def test_the_list_says_how_many_match(client, world):
    html = client.get(f"{PAGE}?territoire=belfort-test").content.decode()
    assert 'data-initiative-count="3"' in html


def test_counts_by_maturity_and_territory_follow_the_filters(client, world):
    html = client.get(f"{PAGE}?enjeu=nrj").content.decode()
    assert '<tr data-maturity="activite" data-count="1">' in html
    assert '<tr data-maturity="lancement" data-count="1">' in html
    assert '<tr data-maturity="idee" data-count="0">' in html
    assert '<tr data-territory="montbeliard-test" data-count="2">' in html
    assert '<tr data-territory="belfort-test" data-count="1">' in html


def test_count_links_keep_the_other_filters(client, world):
    html = client.get(f"{PAGE}?enjeu=nrj&page=1").content.decode()
    assert 'href="?enjeu=nrj&amp;maturite=activite"' in html
    assert 'href="?enjeu=nrj&amp;territoire=montbeliard-test"' in html


def test_the_form_shows_the_chosen_filters(client, world):
    html = client.get(f"{PAGE}?maturite=activite&territoire=belfort-test").content.decode()
    assert '<option value="activite" selected>' in html
    assert '<option value="belfort-test" selected>' in html


@pytest.mark.parametrize(
    "query",
    [
        "territoire=nulle-part",
        "enjeu=%3Cscript%3E",
        "maturite=mure",
        "finalite=" + "x" * 5000,
        "organisation=1",
        "territoire=belfort-test&maturite=inconnue",
    ],
)
def test_an_invalid_filter_gives_the_page_with_an_error_and_a_400_geojson(client, world, query):
    page = client.get(f"{PAGE}?{query}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "data-filter-errors" in html
    assert h.list_ids(page) == set()
    geojson = client.get(f"{GEOJSON}?{query}")
    assert geojson.status_code == 400
    assert "errors" in geojson.json()


@pytest.mark.parametrize("value", ["abc", "0", "-1", "99999999999999999999", "2.5"])
def test_any_page_number_gives_a_page(client, world, value):
    response = client.get(f"{PAGE}?page={value}")
    assert response.status_code == 200
    # Four published initiatives fit on one page: whatever the number, it is that page.
    assert h.list_ids(response) == listed(world, *PUBLISHED)


def test_a_draft_territory_is_not_a_filter_choice(client, world):
    territory = world.territories["montbeliard"]
    territory.unpublish()
    html = client.get(PAGE).content.decode()
    assert 'value="montbeliard-test"' not in html
    assert client.get(f"{PAGE}?territoire=montbeliard-test").status_code == 200
    assert client.get(f"{GEOJSON}?territoire=montbeliard-test").status_code == 400


def test_the_list_is_paginated_and_page_links_keep_the_filters(client, world):
    for n in range(26):
        h.initiative(
            world.index,
            title=f"Initiative en série {n}",
            slug=f"serie-{n}",
            territories=[world.territories["belfort"]],
        )
    first = client.get(f"{PAGE}?territoire=belfort-test")
    assert len(h.list_ids(first)) == 24
    html = first.content.decode()
    assert 'href="?territoire=belfort-test&amp;page=2"' in html
    second = client.get(f"{PAGE}?territoire=belfort-test&page=2")
    assert len(h.list_ids(second)) == 29 - 24
    assert not h.list_ids(first) & h.list_ids(second)
