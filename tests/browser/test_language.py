"""The footer's language switch keeps the URL and changes the interface language."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_choosing_english_in_the_footer_keeps_the_url_and_switches_the_language(site, page):
    page.goto("/enjeux/mobilite/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    switch = page.locator("footer form.language-switch")
    switch.get_by_role("combobox").select_option("en")
    with page.expect_navigation():
        switch.get_by_role("button").click()

    assert page.url.endswith("/enjeux/mobilite/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
