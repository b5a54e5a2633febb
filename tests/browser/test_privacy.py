"""The privacy notice in a browser: reached from every page's footer and from the sign-up form,
with no serious accessibility violation, in French and in English."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_no_serious_violation

pytestmark = pytest.mark.browser


def test_the_footer_leads_to_an_accessible_notice(site, page):
    page.goto("/")
    page.locator("footer").get_by_role("link", name="Politique de confidentialité").click()

    page.wait_for_url("**/confidentialite/")
    assert page.get_by_role("heading", level=1).inner_text() == "Politique de confidentialité"
    assert page.get_by_role("heading", name="Révoltes et rêves").is_visible()
    assert_no_serious_violation(page)


def test_the_sign_up_form_leads_to_the_notice(site, page):
    page.goto("/comptes/signup/")
    page.locator("main form").get_by_role("link", name="politique de confidentialité").click()

    page.wait_for_url("**/confidentialite/")


def test_the_notice_follows_the_language_switch(site, page):
    page.goto("/confidentialite/")
    switch = page.locator("footer form.language-switch")
    switch.get_by_role("combobox").select_option("en")
    with page.expect_navigation():
        switch.get_by_role("button").click()

    assert page.url.endswith("/confidentialite/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy notice")
    assert_no_serious_violation(page)
