"""A citizen deletes their account from their profile, in chromium: the password asked
again, the page read (axe), the confirmation refused unticked, then the account gone and the
citizen signed out on the home page."""

import pytest
from playwright.sync_api import expect

from accounts.models import User
from tests.browser.axe import assert_no_serious_violation
from tests.browser.conftest import session_cookie
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


def test_citizen_deletes_their_account(site, page, live_server):
    citizen = UserFactory(display_name="Zoé <b>Martin</b>")
    page.context.add_cookies([session_cookie(live_server, citizen)])
    page.goto("/comptes/profil/")

    page.locator("[data-delete-account-link]").click()

    # allauth asks for the password again first.
    page.wait_for_url("**/reauthenticate/**")
    page.get_by_label("Mot de passe").fill("motdepasse-solide-42")
    page.get_by_label("Mot de passe").press("Enter")
    page.wait_for_url("**/comptes/supprimer/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Supprimer mon compte")
    assert_no_serious_violation(page)

    button = page.get_by_role("button", name="Supprimer définitivement mon compte")
    button.click()
    expect(page.locator(".field--checkbox")).to_contain_text("Cochez la case")
    assert User.objects.filter(pk=citizen.pk).exists()
    assert_no_serious_violation(page)

    page.get_by_label("Je comprends que mon compte sera supprimé").check()
    page.get_by_role("button", name="Supprimer définitivement mon compte").click()

    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator(".messages")).to_contain_text("Votre compte a été supprimé")
    expect(page.get_by_role("link", name="Zoé <b>Martin</b>")).to_have_count(0)
    assert not User.objects.filter(pk=citizen.pk).exists()
