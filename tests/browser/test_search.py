"""Search in a browser: the header box's suggestions chosen with the keyboard and the mouse,
a search narrowed by a facet, the search box without JavaScript and on a phone, and no
accessibility violation on the results and « no result » pages."""

import re
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from cms_pages.models import EnjeuPage, TerritoryPage
from tests.browser.conftest import leaves_the_machine
from tests.search import page_helpers as h

pytestmark = pytest.mark.browser

DEBOUNCE_MS = 200  # search/static/search/search-suggest.js
BOX = "#site-search-q"
LISTBOX = "#site-search-q-suggestions"


def velorutions(territory, enjeu):
    """Two documents about a word no demo content uses, leading to the pages of
    ``territory`` and ``enjeu``."""
    return [
        h.document(
            "Vélorution du samedi matin",
            "Une balade à vélo pour réclamer des pistes cyclables.",
            kind="revolte",
            territories=[territory],
            enjeux=[enjeu],
            url=territory.url,
        ),
        h.document(
            "Vélorution des écoliers",
            "Aller à l'école à vélo, en sécurité, avec les parents.",
            kind="reve",
            territories=[territory],
            url=enjeu.url,
        ),
    ]


@pytest.fixture
def documents(page):
    """The documents in a small site (quick to build), for the journeys."""
    places = h.places()
    return velorutions(places.territory, places.enjeu)


@pytest.fixture
def demo_documents(site):
    """The documents in the demo site, for the checks of the whole page."""
    belfort = TerritoryPage.objects.get(slug="grand-belfort")
    return velorutions(belfort, EnjeuPage.objects.get(slug="mobilite"))


def type_in_the_box(page, text):
    page.locator(BOX).press_sequentially(text, delay=30)
    expect(page.locator(LISTBOX)).to_be_visible()
    expect(page.locator(BOX)).to_have_attribute("aria-expanded", "true")


def assert_no_accessibility_violation(page):
    results = Axe().run(page)
    assert not results.response["violations"], results.generate_report()


def test_a_suggestion_is_chosen_with_the_keyboard(documents, page):
    page.goto("/")
    type_in_the_box(page, "vélorut")

    options = page.locator(f"{LISTBOX} [role=option]")
    expect(options).to_have_count(2)
    expect(page.locator("form.search-box--header [role=status]")).to_contain_text("2")
    box = page.locator(BOX)
    box.press("ArrowDown")
    box.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", "site-search-q-suggestions-1")
    chosen = options.nth(1).locator(".search-suggest__title").inner_text()
    url = next(row.url for row in documents if row.title == chosen)

    box.press("Enter")

    expect(page).to_have_url(re.compile(re.escape(url) + "$"))


def test_escape_closes_the_suggestions_and_enter_then_searches(documents, page):
    page.goto("/")
    type_in_the_box(page, "vélorution")
    box = page.locator(BOX)

    box.press("Escape")
    expect(page.locator(LISTBOX)).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press("Enter")

    expect(page).to_have_url(re.compile(r"/recherche/\?q=v%C3%A9lorution$"))
    expect(page.locator("[data-search-total]")).to_have_attribute("data-search-total", "2")


def test_a_suggestion_is_chosen_with_the_mouse(documents, page):
    page.goto(documents[0].url)
    type_in_the_box(page, "velorution eco")

    option = page.locator(f"{LISTBOX} [role=option]")
    expect(option).to_have_count(1)
    option.click()

    expect(page).to_have_url(re.compile(re.escape(documents[1].url) + "$"))


def test_a_facet_narrows_the_results(documents, page):
    page.goto("/")
    page.locator(BOX).fill("vélorution")
    page.locator("form.search-box--header button[type=submit]").click()

    count = page.locator("[data-search-total]")
    expect(count).to_have_attribute("data-search-total", "2")
    expect(page.locator(".search-hit mark").first).to_have_text(re.compile("Vélorution"))
    page.locator('[data-facet="kind"] [data-facet-value="reve"]').click()

    expect(page).to_have_url(re.compile(r"[?&]type=reve"))
    expect(count).to_have_attribute("data-search-total", "1")
    expect(page.locator(".search-hit h3")).to_have_text("Vélorution des écoliers")
    page.locator("[data-remove-filter]").click()
    expect(count).to_have_attribute("data-search-total", "2")


def test_the_search_pages_and_suggestions_have_no_accessibility_violation(demo_documents, page):
    page.goto("/recherche/?q=" + quote("vélorution"))
    expect(page.locator(".search-hit")).to_have_count(2)
    assert_no_accessibility_violation(page)

    page.goto("/recherche/?q=" + quote("vélorut"))
    expect(page.locator("[data-search-no-result]")).to_be_visible()
    assert_no_accessibility_violation(page)

    type_in_the_box(page, "vélorut")
    assert_no_accessibility_violation(page)


def test_the_header_box_searches_without_javascript(documents, browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", java_script_enabled=False
    )
    context.route(
        "**/*",
        lambda route: route.abort() if leaves_the_machine(route.request.url) else route.continue_(),
    )
    tab = context.new_page()
    try:
        tab.goto("/")
        tab.locator(BOX).fill("vélorution")
        tab.locator(BOX).press("Enter")

        expect(tab).to_have_url(re.compile(r"/recherche/\?q=v%C3%A9lorution$"))
        expect(tab.locator(".search-hit")).to_have_count(2)
        expect(tab.locator(BOX)).not_to_have_attribute("role", "combobox")
    finally:
        tab.wait_for_load_state("networkidle")
        tab.goto("about:blank")
        context.close()


def test_the_header_box_fits_a_phone(demo_documents, page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")

    box = page.locator(BOX).bounding_box()
    button = page.locator("form.search-box--header button[type=submit]").bounding_box()
    assert box["x"] >= 0 and button["x"] + button["width"] <= 390
    assert box["width"] > 150
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    type_in_the_box(page, "vélorut")
    listbox = page.locator(LISTBOX).bounding_box()
    assert listbox["x"] >= 0 and listbox["x"] + listbox["width"] <= 390
