"""A citizen posts a rêve with a point chosen on the map and finds it pending on its page."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from cms_pages.areas import territory_contains
from cms_pages.models import TerritoryPage
from consultation.models import Contribution
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}
TEXT = "Je rêve d'un marché de producteurs le samedi matin près de la gare."


@pytest.fixture
def citizen(site, page, live_server):
    """A signed-in citizen: the session cookie of a forced login, handed to the browser."""
    user = UserFactory()
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return user


def fill_the_form(page):
    page.goto("/contributions/nouvelle/")
    page.locator("input[name=kind][value=reve]").check()
    page.locator("textarea[name=text]").fill(TEXT)
    page.locator("select[name=territory]").select_option(label="Grand Belfort")
    page.wait_for_selector("[data-point-map][data-map-state=ready]")


def test_citizen_posts_a_reve_with_a_point_and_sees_it_pending(citizen, page):
    fill_the_form(page)
    page.locator("#contribution-map").click()
    page.locator("form[data-contribution-form] button[type=submit]").click()

    page.wait_for_url(re.compile(r"/contributions/\d+/$"))
    contribution = Contribution.objects.get(author=citizen)
    assert page.url.endswith(contribution.get_absolute_url())
    assert page.locator("[data-status=pending]").is_visible()
    assert (contribution.kind, contribution.status) == ("reve", "pending")
    assert territory_contains(
        TerritoryPage.objects.get(slug="grand-belfort"),
        contribution.latitude,
        contribution.longitude,
    )


def test_contribution_form_has_no_serious_accessibility_violation(citizen, page):
    fill_the_form(page)

    results = Axe().run(page)

    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, results.generate_report()


def test_a_refused_submit_puts_the_focus_on_the_error_summary(citizen, page):
    fill_the_form(page)
    page.locator("textarea[name=text]").fill("")
    page.locator("form[data-contribution-form] button[type=submit]").click()

    summary = page.locator("[data-error-summary]")
    # The page's deferred script moves the focus once it runs: wait for it, not for the markup.
    expect(summary).to_be_focused()
    assert summary.locator("a[href='#id_text']").count() == 1
    assert not Contribution.objects.filter(author=citizen).exists()
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, results.generate_report()


def test_a_citizen_says_moi_aussi_then_withdraws_it(citizen, page):
    contribution = Contribution.objects.filter(status="published").exclude(author=citizen).first()
    before = contribution.support_count
    page.goto(contribution.get_absolute_url())
    page.locator("[data-support-button]").click()
    page.locator("[data-withdraw-support-button]").wait_for()
    count = page.locator("[data-support-count]")
    assert count.get_attribute("data-support-count") == str(before + 1)

    page.locator("[data-withdraw-support-button]").click()
    page.locator("[data-support-button]").wait_for()
    assert count.get_attribute("data-support-count") == str(before)
    assert "Votre « moi aussi » est retiré." in page.content()
    contribution.refresh_from_db()
    assert contribution.support_count == before
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, results.generate_report()
