"""A second citizen joins an open initiative from its page and finds themself among its
members; the porteur accepts a request from the members page."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from initiatives.models import InitiativeIndexPage, Membership
from tests.browser.conftest import session_cookie
from tests.factories import InitiativePageFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}


def sign_in(page, live_server, user):
    """The session cookie of a forced login, handed to the browser."""
    page.context.clear_cookies()
    page.context.add_cookies([session_cookie(live_server, user)])


def an_initiative(policy):
    initiative = InitiativePageFactory(
        parent=InitiativeIndexPage.objects.get(),
        title="Atelier vélo solidaire",
        membership_policy=policy,
    )
    MembershipFactory(initiative=initiative, user=UserFactory(display_name="Porteuse Anna"))
    return initiative


def test_second_citizen_joins_an_open_initiative_and_sees_themself(site, page, live_server):
    initiative = an_initiative("open")
    citizen = UserFactory(display_name="Bastien Joint")
    sign_in(page, live_server, citizen)

    page.goto(initiative.url)
    page.locator("[data-initiative-members] button[data-join]").click()

    page.wait_for_selector("[data-membership-state=member]")
    names = page.locator("[data-initiative-members] [data-member]").all_inner_texts()
    assert any("Bastien Joint" in name for name in names)
    assert any("Porteuse Anna" in name for name in names)
    assert Membership.objects.get(user=citizen).status == "active"


def test_porteur_accepts_a_request_from_the_members_page(site, page, live_server):
    initiative = an_initiative("on_request")
    citizen = UserFactory(display_name="Chloé Demande")
    sign_in(page, live_server, citizen)
    page.goto(initiative.url)
    page.locator("[data-initiative-members] textarea[name=message]").fill("Je sais réparer.")
    page.locator("[data-initiative-members] button[data-join]").click()
    page.wait_for_selector("[data-membership-state=pending]")

    sign_in(page, live_server, initiative.memberships.get(role="porteur").user)
    page.goto(initiative.url)
    page.locator("[data-manage-members]").click()
    page.wait_for_url(re.compile(r"/membres/$"))
    assert page.locator("[data-pending-requests]").inner_text().count("Je sais réparer.") == 1
    page.locator("button[data-action=accepter]").click()

    page.wait_for_selector("[data-no-request]")
    assert "Chloé Demande" in page.locator("[data-members]").inner_text()
    assert Membership.objects.get(user=citizen).status == "active"


@pytest.mark.parametrize("path", ["membres", "contacter"])
def test_members_and_contact_pages_have_no_serious_accessibility_violation(
    site, page, live_server, path
):
    initiative = an_initiative("on_request")
    MembershipFactory(initiative=initiative, role="membre", user=UserFactory())
    MembershipFactory(initiative=initiative, status="pending", role="membre", joined_at=None)
    porteur = initiative.memberships.get(role="porteur").user
    sign_in(page, live_server, porteur if path == "membres" else UserFactory())
    page.goto(f"/initiatives/{initiative.pk}/{path}/")

    results = Axe().run(page)

    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, results.generate_report()
