"""The enjeu page as a visitor meets it on the demo: its révoltes and rêves counted per
territory (numbers and bars), the latest ones, the filtered map, the call to share one, its
initiatives and its threads (the pinned one first), with no serious axe violation."""

import re
from urllib.parse import unquote

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}


def test_the_enjeu_page_shows_what_it_gathers(site, page):
    page.goto("/enjeux/mobilite/")

    panel = page.locator("[data-enjeu-contributions]")
    expect(
        panel.get_by_role("heading", name="Les révoltes et les rêves de cet enjeu")
    ).to_be_visible()
    table = panel.get_by_role("table", name="Révoltes et rêves par territoire")
    expect(table).to_be_visible()
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(5)  # the five territories, zeros included
    counted = 0
    for index in range(rows.count()):
        row = rows.nth(index)
        for kind, column in (("revolte", 0), ("reve", 1)):
            number = int(row.locator("td").nth(column).inner_text())
            assert number == int(row.get_attribute(f"data-{kind}"))
            counted += number
            bar = row.locator("td").nth(column).locator(".contribution-chart__bar")
            width = bar.evaluate("element => element.getBoundingClientRect().width")
            assert (width > 10) == (number > 0)
    total = int(panel.get_attribute("data-contribution-count"))
    assert counted == total > 0
    expect(panel.locator("[data-page-contributions] li")).to_have_count(min(total, 6))

    # The pinned thread first, as on the forum page.
    first_thread = page.locator("[data-latest-threads] [data-thread-list] > li").first
    expect(first_thread).to_contain_text("Épinglée")

    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, results.generate_report()

    panel.locator("[data-filtered-map-link]").click()
    expect(page).to_have_url(re.compile(r"/contributions/\?enjeu=mobilite$"))
    expect(page.locator(".contribution-results__summary")).to_contain_text(f"{total} contributions")


def test_the_call_leads_to_the_form(site, page):
    page.goto("/enjeux/mobilite/")
    call = page.locator("[data-share-call]")
    expect(call.get_by_role("heading", name="Votre voix compte")).to_be_visible()
    call.get_by_role("link", name="Partager une révolte ou un rêve").click()
    # A visitor is asked to log in first, and comes back to the form, the enjeu named.
    page.wait_for_load_state()
    assert "next=/contributions/nouvelle/?enjeu=mobilite" in unquote(page.url)
