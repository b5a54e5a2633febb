"""The shared map component, as a visitor and an editor see it."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from playwright.sync_api import expect

from cms_pages.models import TerritoryPage
from tests import factories

pytestmark = pytest.mark.browser


def test_territory_link_on_home_opens_its_page_with_the_territory_on_the_map(site, page):
    page.goto("/")
    item = page.locator("#liste-territoires li", has_text="Grand Belfort")
    feature_id = item.get_attribute("data-feature-id")
    item.get_by_role("link", name="Grand Belfort").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Grand Belfort")
    assert feature_id.startswith("territoire-")
    # The territory's map shows its own révoltes and rêves (markers or SQL clusters).
    expect(
        page.locator("#carte [data-feature-id^='contribution-'], #carte .map-group").first
    ).to_be_visible()


def test_focusing_a_territory_in_the_list_highlights_its_marker(site, page):
    page.goto("/")
    item = page.locator("#liste-territoires li", has_text="Pays d'Héricourt")
    feature_id = item.get_attribute("data-feature-id")
    marker = page.locator(f'#carte .map-marker[data-feature-id="{feature_id}"]')
    expect(marker).to_be_visible()
    expect(marker).not_to_have_class(re.compile(r"\bis-highlighted\b"))

    item.get_by_role("link").focus()

    expect(marker).to_have_class(re.compile(r"\bis-highlighted\b"))


def test_map_asks_the_geojson_source_for_the_visible_area(site, page):
    with page.expect_request(re.compile(r"/api/contributions\.geojson\?.*bbox=")) as request:
        page.goto("/territoires/grand-belfort/")
    query = request.value.url.split("?", 1)[1]
    assert "territoire=grand-belfort" in query
    assert re.search(r"bbox=-?\d+\.\d+(%2C|,)-?\d+\.\d+", query)
    assert "zoom=" in query


def test_the_asked_area_is_snapped_to_a_grid_so_that_nearby_views_share_a_cached_answer(site, page):
    with page.expect_request(re.compile(r"/api/contributions\.geojson\?.*bbox=")) as request:
        page.goto("/contributions/")
    params = parse_qs(urlsplit(request.value.url).query)
    zoom = float(params["zoom"][0])
    step = 90 / 2 ** int(zoom)  # a quarter of a tile at that zoom
    bbox = [float(n) for n in params["bbox"][0].split(",")]
    west, south, east, north = bbox
    assert west < east and south < north
    for value in bbox:
        assert abs(value / step - round(value / step)) < 1e-6, (value, step)


def test_admin_territory_map_loads_leaflet_from_our_static_files(site, page, live_server):
    admin = factories.UserFactory(is_staff=True, is_superuser=True)
    client = factories.staff_login(Client(), admin)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    territory = TerritoryPage.objects.get(slug="grand-belfort")
    leaflet = []
    page.on("request", lambda r: leaflet.append(r.url) if "leaflet.js" in r.url else None)

    page.goto(f"/admin/pages/{territory.pk}/edit/")

    expect(page.locator(".leaflet-container").first).to_be_attached()
    assert leaflet
    assert all("/static/vendor/leaflet/" in url for url in leaflet), leaflet


def test_without_javascript_the_list_stands_in_for_the_map(site, browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/")
    expect(page.locator("#carte")).to_be_hidden()
    expect(page.locator("#liste-territoires").get_by_role("link")).to_have_count(5)
    context.close()
