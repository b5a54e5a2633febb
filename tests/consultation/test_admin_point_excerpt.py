"""The contribution's point on the local map widget in the admin edit form (one EWKT field
mapped to the two stored floats), and the excerpt column of the admin listing."""

import re

import pytest
from django.urls import reverse

from tests import factories
from tests.consultation import moderation_helpers as helpers
from tests.factories import ContributionFactory

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"wagtailsnippets_consultation_contribution:{name}", args=args)


def build_world():
    home = factories.site_with_home_page()
    return {"places": helpers.territories(home), "moderator": helpers.moderator()}


@pytest.fixture
def place(world, client):
    factories.staff_login(client, world["moderator"])
    return world["places"][0]


def edit(client, contribution, **fields):
    data = {"status": contribution.status, "moderation_reason": "", "tags": "", **fields}
    return client.post(url("edit", contribution.pk), data)


def test_the_edit_form_shows_the_point_on_the_local_map(client, place):
    contribution = ContributionFactory(territory=place, latitude=47.6512345, longitude=6.86789)
    html = client.get(url("edit", contribution.pk)).content.decode()
    assert 'data-controller="leaflet-field"' in html
    assert "SRID=4326;POINT(6.86789 47.6512345)" in html
    assert "vendor/leaflet/leaflet.js" in html
    assert "unpkg.com" not in html
    # No script nor stylesheet from another site.
    assert not re.search(r'<script[^>]+src="(https?:)?//', html)
    assert not re.search(r'<link[^>]+href="(https?:)?//', html)


def test_moving_the_point_on_the_map_stores_both_floats(client, place):
    contribution = ContributionFactory(territory=place, latitude=47.6, longitude=6.8)
    response = edit(client, contribution, point="SRID=4326;POINT(6.9 47.7)")
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert (contribution.latitude, contribution.longitude) == (47.7, 6.9)


def test_clearing_the_map_removes_the_point(client, place):
    contribution = ContributionFactory(territory=place, latitude=47.6, longitude=6.8)
    edit(client, contribution, point="")
    contribution.refresh_from_db()
    assert (contribution.latitude, contribution.longitude) == (None, None)


def test_a_malformed_point_is_refused_in_french(client, place):
    contribution = ContributionFactory(territory=place, latitude=47.6, longitude=6.8)
    response = edit(client, contribution, point="POINT(banane)")
    assert response.status_code == 200
    assert "Point invalide" in response.context["form"].errors["point"][0]
    contribution.refresh_from_db()
    assert (contribution.latitude, contribution.longitude) == (47.6, 6.8)


def test_the_listing_shows_an_excerpt_of_each_text(client, place):
    text = "Les bus ne passent plus le dimanche <b>à Giromagny</b>. " * 5
    ContributionFactory(territory=place, title="Des bus", text=text)
    html = client.get(url("list")).content.decode()
    assert "Extrait" in html
    assert "Les bus ne passent plus le dimanche &lt;b&gt;à Giromagny&lt;/b&gt;" in html
    assert "<b>à Giromagny</b>" not in html
