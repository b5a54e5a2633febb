"""A citizen creates an initiative in the browser (toolbar, map point) and lands on its status
page, awaiting validation; the creation form has no serious accessibility violation."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from initiatives.models import InitiativePage
from tests.browser.conftest import session_cookie, wait_until
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def citizen(site, page, live_server):
    """A signed-in citizen: the session cookie of a forced login, handed to the browser."""
    user = UserFactory()
    page.context.add_cookies([session_cookie(live_server, user)])
    return user


def open_the_form(page):
    page.goto("/initiatives/nouvelle/")
    page.locator("input[name=title]").fill("Atelier vélo de Valdoie")
    page.locator("textarea[name=summary]").fill("Apprendre à réparer son vélo, ensemble.")
    page.get_by_label("Grand Belfort").check()
    page.wait_for_selector("[data-point-map][data-map-state=ready]")


def test_citizen_creates_an_initiative_and_sees_it_awaiting_validation(citizen, page):
    open_the_form(page)
    description = page.locator("textarea[name=description]")
    description.fill("Chaque samedi")
    description.select_text()
    page.locator("[data-rich-action=strong]").click()
    page.locator("input[name=economic_purpose][value=non_lucratif]").check()
    page.locator("input[name=organisation_mode][value=association]").check()
    page.locator("#initiative-map").click()
    assert page.locator("input[name=latitude]").input_value() != ""
    page.locator("form[data-initiative-form] button[type=submit]").click()

    page.wait_for_url(re.compile(r"/initiatives/\d+/statut/$"))
    assert page.locator("[data-status=pending]").is_visible()
    initiative = InitiativePage.objects.get(owner=citizen)
    draft = initiative.get_latest_revision_as_object()
    assert not initiative.live
    assert "<strong>Chaque samedi</strong>" in draft.description
    assert draft.latitude is not None


def test_toolbar_list_keeps_the_plain_text_around_it_as_paragraphs(citizen, page):
    open_the_form(page)
    description = page.locator("textarea[name=description]")
    description.fill("Notre atelier.\nSolidaire.\nvélos\nmachines à coudre\nÀ bientôt.")
    description.evaluate(
        "area => { const start = area.value.indexOf('vélos');"
        " area.setSelectionRange(start, area.value.indexOf('À bientôt') - 1); }"
    )
    page.locator("[data-rich-action=ul]").click()
    page.locator("input[name=economic_purpose][value=non_lucratif]").check()
    page.locator("input[name=organisation_mode][value=association]").check()
    page.locator("form[data-initiative-form] button[type=submit]").click()

    page.wait_for_url(re.compile(r"/initiatives/\d+/statut/$"))
    draft = InitiativePage.objects.get(owner=citizen).get_latest_revision_as_object()
    assert draft.description == (
        "<p>Notre atelier.<br>Solidaire.</p>"
        "<ul><li>vélos</li><li>machines à coudre</li></ul><p>À bientôt.</p>"
    )


def test_a_form_with_errors_is_shown_again_with_a_summary(citizen, page):
    page.goto("/initiatives/nouvelle/")
    page.locator("form[data-initiative-form] button[type=submit]").click()
    # The summary is in the HTML before the deferred script focuses it: wait for the focus.
    wait_until(
        page,
        "document.activeElement && document.activeElement.matches('[data-error-summary]')",
    )
    assert not InitiativePage.objects.filter(owner=citizen).exists()


def test_creation_form_has_no_serious_accessibility_violation(citizen, page):
    open_the_form(page)

    results = Axe().run(page)

    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, results.generate_report()
