"""The map of the révoltes and rêves in a browser: markers, the list, filters without reload."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from cms_pages.models import TerritoryPage
from consultation.models import Contribution
from tests import factories

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def contributions(site):
    """Only a few published contributions, spread over Grand Belfort: markers, not clusters."""
    Contribution.objects.all().delete()
    belfort = TerritoryPage.objects.get(slug="grand-belfort")
    points = [(47.638, 6.862, "revolte"), (47.645, 6.85, "reve"), (47.65, 6.87, "revolte")]
    return [
        factories.ContributionFactory(
            territory=belfort, latitude=lat, longitude=lng, kind=kind, title=f"{kind} {i}"
        )
        for i, (lat, lng, kind) in enumerate(points)
    ]


MOVE_DEBOUNCE_MS = 250  # theme/static/theme/js/map.js


def settle(page):
    """Wait until the map has fetched what its last move asked for.

    The first answer fits the view, and the move fetches again after a debounce: a test
    must not end while that request is running (the live server would outlive its data).
    """
    page.wait_for_timeout(MOVE_DEBOUNCE_MS + 150)
    expect(page.locator("[data-map]")).to_have_attribute("data-map-state", "ready")


def open_map(page, path="/contributions/"):
    page.goto(path)
    settle(page)


def test_map_page_shows_markers_and_the_list(contributions, page):
    open_map(page)
    markers = page.locator("#carte .map-marker, #carte .map-group")
    expect(markers.first).to_be_visible()
    expect(page.locator("#contributions-liste li[data-feature-id]")).to_have_count(3)


def test_filtering_by_kind_updates_map_list_and_url_without_reload(contributions, page):
    open_map(page)
    page.evaluate("window.notReloaded = true")

    with page.expect_response(re.compile(r"/api/contributions\.geojson\?.*kind=reve")):
        page.get_by_label("Type").select_option("reve")

    expect(page).to_have_url(re.compile(r"/contributions/\?kind=reve$"))
    items = page.locator("#contributions-liste li[data-feature-id]")
    expect(items).to_have_count(1)
    expect(items.first).to_have_attribute("data-kind", "reve")
    settle(page)
    expect(page.locator("#carte .map-marker--revolte")).to_have_count(0)
    assert page.evaluate("window.notReloaded") is True


def test_filters_in_the_url_are_applied_on_load(contributions, page):
    open_map(page, "/contributions/?kind=revolte")
    expect(page.locator("#contributions-liste li[data-feature-id]")).to_have_count(2)
    expect(page.get_by_label("Type")).to_have_value("revolte")


def test_map_page_has_no_serious_accessibility_violation(contributions, page):
    open_map(page)
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, results.generate_report()


def test_contribution_page_has_no_serious_accessibility_violation(contributions, page):
    open_map(page, contributions[0].get_absolute_url())
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, results.generate_report()


def test_contributions_without_a_point_show_as_one_marker_that_opens_the_list(site, page):
    """Placed by territory only (or by a commune without a point): counted, not lost."""
    Contribution.objects.all().delete()
    belfort = TerritoryPage.objects.get(slug="grand-belfort")
    for i in range(3):
        factories.ContributionFactory(territory=belfort, kind="reve", title=f"Sans point {i}")
    open_map(page, "/contributions/?kind=reve")
    marker = page.locator("#carte .map-marker--unplaced")
    expect(marker).to_have_count(1)
    expect(marker).to_contain_text("3")
    marker.click()
    link = page.locator(".map-popup a")
    expect(link).to_contain_text("3 contributions placées sans point")
    link.click()
    expect(page).to_have_url(re.compile(r"territoire=grand-belfort"))
    expect(page.locator("#contributions-liste li[data-feature-id]")).to_have_count(3)
