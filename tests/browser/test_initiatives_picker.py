"""The « Inspirée des révoltes et rêves » picker of the initiative form: typing a few words
offers published contributions only (an ARIA 1.2 combobox), choosing one adds a removable chip,
and the initiative sent is linked to it; no serious accessibility violation."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from cms_pages.models import TerritoryPage
from initiatives.models import InitiativePage
from tests.browser.conftest import session_cookie
from tests.factories import ContributionFactory, UserFactory

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def citizen(site, page, live_server):
    user = UserFactory()
    page.context.add_cookies([session_cookie(live_server, user)])
    return user


@pytest.fixture
def dreams(site):
    territory = TerritoryPage.objects.get(title="Grand Belfort")
    shown = ContributionFactory(territory=territory, kind="reve", title="Zébulon fait des crêpes")
    other = ContributionFactory(territory=territory, kind="revolte", title="Zébulon et la pluie")
    hidden = ContributionFactory(territory=territory, title="Zébulon caché", status="hidden")
    return shown, other, hidden


def open_the_form(page):
    page.goto("/initiatives/nouvelle/")
    page.locator("input[name=title]").fill("Crêperie solidaire")
    page.locator("textarea[name=summary]").fill("Des crêpes pour tout le monde.")
    page.get_by_label("Grand Belfort").check()
    page.locator("input[name=economic_purpose][value=non_lucratif]").check()
    page.locator("input[name=organisation_mode][value=association]").check()


def test_citizen_picks_a_reve_and_the_initiative_is_linked_to_it(citizen, dreams, page):
    shown, other, hidden = dreams
    open_the_form(page)
    combobox = page.get_by_role("combobox", name="Inspirée des révoltes et rêves")
    combobox.press_sequentially("zebulon", delay=20)
    listbox = page.get_by_role("listbox", name="Révoltes et rêves correspondants")
    listbox.wait_for()
    options = listbox.get_by_role("option")
    assert options.count() == 2
    assert hidden.title not in listbox.inner_text()
    assert combobox.get_attribute("aria-expanded") == "true"

    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, results.generate_report()

    listbox.get_by_role("option", name=re.compile("crêpes")).click()
    assert page.get_by_role("listitem").filter(has_text="Rêve · Zébulon fait des crêpes").count()
    assert page.locator("input[name=inspired_by]").input_value() == str(shown.pk)
    assert combobox.input_value() == ""

    # Keyboard: the other one is added, then removed with its chip's button.
    combobox.press_sequentially("pluie", delay=20)
    listbox.get_by_role("option").first.wait_for()
    combobox.press("ArrowDown")
    combobox.press("Enter")
    assert page.locator("input[name=inspired_by]").input_value() == f"{shown.pk}, {other.pk}"
    page.get_by_role("button", name=re.compile("Retirer.*pluie")).click()
    assert page.locator("input[name=inspired_by]").input_value() == str(shown.pk)

    page.locator("form[data-initiative-form] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/initiatives/\d+/statut/$"))
    draft = InitiativePage.objects.get(owner=citizen).get_latest_revision_as_object()
    assert [c.pk for c in draft.inspired_by.all()] == [shown.pk]


def test_form_shown_again_keeps_the_chips(citizen, dreams, page):
    shown, _, _ = dreams
    open_the_form(page)
    page.locator("input[name=title]").fill("")
    combobox = page.get_by_role("combobox", name="Inspirée des révoltes et rêves")
    combobox.fill(str(shown.pk))
    combobox.press("Enter")
    page.locator("form[data-initiative-form] button[type=submit]").click()
    page.locator("[data-error-summary]").wait_for()
    chip = page.get_by_role("listitem").filter(has_text="Zébulon fait des crêpes")
    chip.wait_for()
    assert page.locator("input[name=inspired_by]").input_value() == str(shown.pk)
