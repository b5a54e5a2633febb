"""The whole path of an initiative in browsers: a citizen creates it, a moderator approves it
from the Wagtail dashboard, it appears on the planisphère and a second citizen joins it."""

import re

import pytest
from django.contrib.auth.models import Group

from accounts.rules import MODERATORS
from initiatives.models import InitiativePage
from tests.browser.conftest import leaves_the_machine, session_cookie
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

NAME = "Atelier couture solidaire de Delle"


@pytest.fixture
def second_tab(browser, live_server):
    """Opens a tab in a browser context of its own (own cookies) for ``user``."""
    contexts = []

    def open_for(user):
        context = browser.new_context(base_url=live_server.url, locale="fr-FR")
        context.route(
            "**/*",
            lambda route: (
                route.abort() if leaves_the_machine(route.request.url) else route.continue_()
            ),
        )
        context.add_cookies([session_cookie(live_server, user)])
        contexts.append(context)
        return context.new_page()

    yield open_for
    for context in contexts:
        for tab in context.pages:
            tab.wait_for_load_state("networkidle")
        context.close()


def test_created_approved_published_and_joined(site, page, live_server, second_tab):
    creator = UserFactory(display_name="Nadia")
    page.context.add_cookies([session_cookie(live_server, creator)])
    page.goto("/initiatives/nouvelle/")
    page.locator("input[name=title]").fill(NAME)
    page.locator("textarea[name=summary]").fill("Réparer et coudre ensemble, chaque mercredi.")
    page.get_by_label("Sud Territoire").check()
    page.locator("input[name=economic_purpose][value=non_lucratif]").check()
    page.locator("input[name=organisation_mode][value=collectif_informel]").check()
    page.locator("input[name=membership_policy][value=open]").check()
    page.locator("form[data-initiative-form] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/initiatives/\d+/statut/$"))
    initiative = InitiativePage.objects.get(title=NAME)
    assert not initiative.live

    moderator = UserFactory(display_name="Modératrice")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    admin = second_tab(moderator)
    admin.goto("/admin/")
    row = admin.locator("tr, li, .listing__item, [role=row]", has_text=NAME).last
    row.locator("button[aria-label], .w-dropdown__toggle").first.click()
    admin.locator(
        f"button[data-workflow-action-url*='/action/{initiative.pk}/approve/']"
        ":not([data-launch-modal])"
    ).click()
    admin.wait_for_load_state("networkidle")
    initiative.refresh_from_db()
    assert initiative.live

    page.reload()
    assert page.locator("[data-status=published]").is_visible()
    page.goto("/initiatives/")
    assert page.locator("main").get_by_text(NAME).first.is_visible()

    joiner = second_tab(UserFactory(display_name="Bastien"))
    joiner.goto(initiative.url)
    joiner.get_by_role("button", name=re.compile("Rejoindre")).click()
    joiner.wait_for_load_state("networkidle")
    assert joiner.locator("main").get_by_text("Bastien").first.is_visible()
