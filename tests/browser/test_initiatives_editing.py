"""Two members co-edit an initiative in two browsers: both saves reach the history, a save
from a stale version is refused with the other change shown, each sees the other's presence,
and the edit form has no serious accessibility violation."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from cms_pages.areas import territory_contains
from initiatives.models import InitiativePage
from tests.browser.conftest import leaves_the_machine, session_cookie, wait_until
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def initiative(site):
    """A demo initiative whose point lies inside its territory (the form's map drops a point
    outside the territories ticked)."""
    return next(
        page
        for page in InitiativePage.objects.live().order_by("pk")
        if page.latitude is not None
        and territory_contains(page.territories.first(), page.latitude, page.longitude)
    )


@pytest.fixture
def camille(initiative, page, live_server):
    """The first member, signed in in the test's own tab."""
    user = UserFactory(display_name="Camille")
    MembershipFactory(initiative=initiative, user=user, role="membre")
    page.context.add_cookies([session_cookie(live_server, user)])
    yield page
    # Stop the presence pings before the test database is reset.
    page.goto("/")


@pytest.fixture
def louis(initiative, browser, live_server):
    """A second member in a second browser context (its own cookies)."""
    user = UserFactory(display_name="Louis")
    MembershipFactory(initiative=initiative, user=user, role="membre")
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport={"width": 1280, "height": 900}
    )
    outside = []

    def guard(route):
        if leaves_the_machine(route.request.url):
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", guard)
    context.add_cookies([session_cookie(live_server, user)])
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    tab.goto("/")
    tab.wait_for_load_state("networkidle")
    context.close()
    assert not outside, outside
    assert not errors, errors


def edit_url(initiative):
    return f"/initiatives/{initiative.pk}/modifier/"


def save(tab):
    tab.locator("form[data-initiative-form] button[type=submit]").click()


def test_two_members_edit_and_the_history_shows_both(initiative, camille, louis):
    camille.goto(edit_url(initiative))
    camille.locator("textarea[name=summary]").fill("Résumé réécrit par Camille.")
    save(camille)
    camille.wait_for_url(re.compile(re.escape(initiative.url) + "$"))

    louis.goto(edit_url(initiative))
    louis.locator("textarea[name=needs_text]").fill("Un local\nDes bras le samedi")
    save(louis)
    louis.wait_for_url(re.compile(re.escape(initiative.url) + "$"))

    saved = InitiativePage.objects.get(pk=initiative.pk)
    assert (saved.latitude, saved.longitude) == (initiative.latitude, initiative.longitude)
    camille.goto(f"/initiatives/{initiative.pk}/historique/")
    authors = camille.locator("[data-revisions] [data-author]").all_inner_texts()
    assert authors[:2] == ["Louis", "Camille"]
    camille.locator("[data-revisions] a").first.click()
    assert "Des bras le samedi" in camille.locator("[data-diff-field=needs]").inner_text()


def test_a_conflicting_save_is_shown_with_the_other_change(initiative, camille, louis):
    camille.goto(edit_url(initiative))
    louis.goto(edit_url(initiative))
    camille.locator("textarea[name=summary]").fill("La version de Camille.")
    save(camille)
    camille.wait_for_url(re.compile(re.escape(initiative.url) + "$"))

    louis.locator("textarea[name=summary]").fill("La version de Louis.")
    save(louis)

    conflict = louis.locator("[data-conflict]")
    conflict.wait_for()
    assert "Camille" in conflict.inner_text()
    assert "La version de Camille." in conflict.locator("[data-diff-field=summary]").inner_text()
    assert louis.locator("textarea[name=summary]").input_value() == "La version de Louis."
    assert InitiativePage.objects.get(pk=initiative.pk).summary == "La version de Camille."

    louis.locator("textarea[name=summary]").fill("La version de Camille, et celle de Louis.")
    save(louis)
    louis.wait_for_url(re.compile(re.escape(initiative.url) + "$"))
    assert (
        InitiativePage.objects.get(pk=initiative.pk).summary
        == "La version de Camille, et celle de Louis."
    )


def test_two_sessions_see_each_others_presence(initiative, camille, louis, settings):
    settings.INITIATIVE_PRESENCE_PING_SECONDS = 0.5
    camille.goto(edit_url(initiative))
    louis.goto(edit_url(initiative))

    # Louis sees Camille at once (from the server), Camille sees Louis at her next ping.
    assert "Camille" in louis.locator("[data-presence-others]").inner_text()
    wait_until(
        camille,
        "document.querySelector('[data-presence-others]').textContent.includes('Louis')",
    )

    # Louis saves: Camille is warned before she saves on a version that is no longer the latest.
    louis.locator("textarea[name=summary]").fill("Louis a changé le résumé.")
    save(louis)
    louis.wait_for_url(re.compile(re.escape(initiative.url) + "$"))
    camille.locator("[data-presence-newer]").wait_for(state="visible")

    # Louis has left the edit page: his session is released and Camille no longer sees him.
    wait_until(
        camille,
        "!document.querySelector('[data-presence-others]').textContent.includes('Louis')",
    )


def test_edit_form_has_no_serious_accessibility_violation(initiative, camille):
    camille.goto(edit_url(initiative))

    results = Axe().run(camille)

    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, results.generate_report()


def test_history_and_conflict_pages_have_no_serious_accessibility_violation(
    initiative, camille, louis
):
    camille.goto(edit_url(initiative))
    louis.goto(edit_url(initiative))
    camille.locator("textarea[name=summary]").fill("La version de Camille.")
    save(camille)
    camille.wait_for_url(re.compile(re.escape(initiative.url) + "$"))
    louis.locator("textarea[name=summary]").fill("La version de Louis.")
    save(louis)
    louis.locator("[data-conflict]").wait_for()

    results = Axe().run(louis)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, results.generate_report()

    latest = InitiativePage.objects.get(pk=initiative.pk).latest_revision_id
    for path in ("historique/", f"historique/{latest}/"):
        camille.goto(f"/initiatives/{initiative.pk}/{path}")
        results = Axe().run(camille)
        blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
        assert not blocking, results.generate_report()
