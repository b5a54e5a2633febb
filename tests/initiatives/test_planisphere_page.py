"""The planisphère page: the map fed by the GeoJSON, the list beside it, the call to action."""

import re

import pytest

from tests import factories
from tests.initiatives import planisphere_helpers as h

pytestmark = pytest.mark.django_db

PAGE = "/initiatives/"


def build_world():
    """The planisphère's world (planisphere_helpers.world), built once for the module."""
    return h.world()


def item(html, page):
    """The list item of ``page`` (its card)."""
    match = re.search(rf'<li data-feature-id="{h.fid(page)}".*?</li>', html, re.S)
    assert match, h.fid(page)
    return match.group(0)


def test_the_map_is_fed_by_the_geojson_and_tied_to_the_list_and_the_form(client, world):
    html = client.get(PAGE).content.decode()
    assert 'data-map-source="/api/initiatives.geojson"' in html
    assert 'data-map-list="initiatives-liste"' in html
    assert 'data-map-filter-form="filtres-initiatives"' in html
    assert '<div id="initiatives-liste"' in html
    assert '<form id="filtres-initiatives"' in html and 'method="get"' in html


def test_a_card_names_its_live_territories_and_enjeux(client, world):
    world.territories["montbeliard"].unpublish()
    card = item(client.get(PAGE).content.decode(), world.initiatives["jardin"])
    assert "Jardins partagés" in card
    assert 'href="/initiatives/jardins-partages/"' in card
    assert "Belfort test" in card and "Montbéliard test" not in card
    assert "Mobilité test" in card and "Énergie test" in card
    assert 'class="maturity maturity--lancement"' in card


def test_the_newest_initiative_comes_first(client, world):
    ids = h.list_ids(client.get(PAGE))
    order = re.findall(r'data-feature-id="(initiative-\d+)"', client.get(PAGE).content.decode())
    assert order[0] == h.fid(world.initiatives["rechecked"])
    assert len(order) == len(ids) == 4


def test_a_visitor_is_sent_to_log_in_before_creating(client, world):
    html = client.get(PAGE).content.decode()
    assert 'href="/comptes/login/?next=/initiatives/nouvelle/" data-new-initiative' in html


def test_a_citizen_goes_straight_to_the_form(client, world):
    client.force_login(factories.UserFactory())
    html = client.get(PAGE).content.decode()
    assert 'href="/initiatives/nouvelle/" data-new-initiative' in html


def test_the_page_lists_without_javascript_what_the_map_shows(client, world):
    """The list is the map's accessible alternative: every located feature is in it."""
    listed = h.list_ids(client.get(PAGE))
    assert h.feature_ids(client.get("/api/initiatives.geojson")) <= listed
