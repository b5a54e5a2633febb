"""The planisphère des solutions in a browser: markers and the list, a filter that narrows
both without a reload, and no serious accessibility violation there or on an initiative."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from cms_pages.models import EnjeuPage, HomePage, TerritoryPage
from initiatives.models import InitiativePage
from tests.initiatives import planisphere_helpers as h

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}
MOVE_DEBOUNCE_MS = 250  # theme/static/theme/js/map.js


@pytest.fixture
def initiatives(site):
    """Three published initiatives around Belfort (two ideas, one in activity), one draft;
    the demo's initiatives are removed so that the counts are these."""
    InitiativePage.objects.all().delete()
    index = h.index_page(HomePage.objects.get())
    belfort = TerritoryPage.objects.get(slug="grand-belfort")
    mobilite = EnjeuPage.objects.get(slug="mobilite")
    spots = [
        ("Vélo-école", "idee", (47.638, 6.862)),
        ("Repair café", "idee", (47.645, 6.85)),
        ("Coopérative solaire", "activite", (47.65, 6.87)),
    ]
    pages = [
        h.initiative(
            index,
            title=title,
            slug=f"navigateur-{n}",
            maturity=maturity,
            territories=[belfort],
            enjeux=[mobilite],
            location=h.point(*spot),
        )
        for n, (title, maturity, spot) in enumerate(spots)
    ]
    h.initiative(
        index,
        title=f"{h.LEAK} brouillon",
        slug="navigateur-brouillon",
        live=False,
        territories=[belfort],
        location=h.point(47.64, 6.86),
    )
    return pages


def settle(page):
    """Wait until the map has fetched what its last move asked for."""
    page.wait_for_timeout(MOVE_DEBOUNCE_MS + 150)
    expect(page.locator("[data-map]")).to_have_attribute("data-map-state", "ready")


def open_planisphere(page, path="/initiatives/"):
    page.goto(path)
    settle(page)


def test_the_planisphere_shows_markers_and_the_list(initiatives, page):
    open_planisphere(page)
    expect(page.locator("#carte .map-marker, #carte .map-group").first).to_be_visible()
    expect(page.locator("#initiatives-liste li[data-feature-id]")).to_have_count(3)
    expect(page.get_by_text(h.LEAK)).to_have_count(0)


def test_a_filter_narrows_the_map_and_the_list_without_reload(initiatives, page):
    open_planisphere(page)
    page.evaluate("window.notReloaded = true")

    with page.expect_response(re.compile(r"/api/initiatives\.geojson\?.*maturite=activite")):
        page.locator("#id_maturite").select_option("activite")

    expect(page).to_have_url(re.compile(r"/initiatives/\?maturite=activite$"))
    items = page.locator("#initiatives-liste li[data-feature-id]")
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text("Coopérative solaire")
    settle(page)
    expect(page.locator("#carte .map-marker--initiative")).to_have_count(1)
    assert page.evaluate("window.notReloaded") is True


def test_clicking_a_marker_highlights_its_list_item(initiatives, page):
    open_planisphere(page, "/initiatives/?maturite=activite")
    target = initiatives[2]
    page.locator(f'#carte .map-marker[data-feature-id="{h.fid(target)}"]').click()
    item = page.locator(f'#initiatives-liste li[data-feature-id="{h.fid(target)}"]')
    expect(item).to_have_class(re.compile(r"\bis-highlighted\b"))
    expect(page.locator(".map-popup a")).to_have_text("Coopérative solaire")


def test_the_planisphere_has_no_serious_accessibility_violation(initiatives, page):
    open_planisphere(page)
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, results.generate_report()


def test_an_initiative_page_has_no_serious_accessibility_violation(initiatives, page):
    open_planisphere(page, initiatives[0].url)
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, results.generate_report()
