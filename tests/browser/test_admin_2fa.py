"""Staff two-factor authentication in a browser (issue 14): a Modérateur who signs in is sent
to set up an authenticator app before the admin, scans it (here: reads the secret the page
writes out), types a real code, sees the recovery codes and reaches the admin; a new session
asks for a code again."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from accounts.rules import MODERATORS
from tests.browser.test_journeys import PASSWORD, assert_no_serious_violation, member_of
from tests.factories import totp_code

pytestmark = pytest.mark.browser


def log_in(page, user, next_url="/admin/"):
    page.goto(f"/comptes/login/?next={next_url}")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def test_a_moderator_sets_up_the_app_before_the_admin(site, page, browser, live_server):
    moderator = member_of(MODERATORS, display_name="Mona M.")
    EmailAddress.objects.create(user=moderator, email=moderator.email, verified=True, primary=True)

    log_in(page, moderator)
    # The admin sends her to set up the app; allauth first asks her password again.
    expect(page).to_have_url(re.compile(r"/comptes/reauthenticate/"))
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/comptes/2fa/totp/activate/(\?next=.*)?$"))
    expect(page.locator("h1")).to_have_text("Activer la double authentification")
    qr = page.locator("img.totp-qr")
    expect(qr).to_have_attribute("src", re.compile(r"^data:image/svg\+xml;base64,"))
    # The QR code is drawn: the page's Content-Security-Policy lets data: images through.
    assert qr.evaluate("image => image.complete && image.naturalWidth > 0")
    assert_no_serious_violation(page)
    secret = page.locator("[data-totp-secret]").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)

    page.locator("input[name=code]").fill(totp_code(secret))
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/comptes/2fa/recovery-codes/$"))
    codes = page.locator("[data-recovery-codes] code")
    expect(codes).to_have_count(10)
    recovery_code = codes.first.inner_text().strip()
    assert_no_serious_violation(page)
    assert Authenticator.objects.filter(user=moderator, type="totp").exists()

    page.get_by_role("link", name="Continuer vers l'administration").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.locator('[data-moderation-queue="contributions"]').first).to_be_visible()

    # Another browser, another session: the password alone does not open the admin.
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    other = context.new_page()
    try:
        log_in(other, moderator)
        expect(other).to_have_url(re.compile(r"/comptes/2fa/authenticate/"))
        expect(other.locator("main")).to_contain_text("code")
        other.goto("/admin/")  # not before the code: back to it
        expect(other).to_have_url(re.compile(r"/comptes/2fa/authenticate/"))
        # The code just typed is spent for its 30 seconds: a recovery code opens the door.
        other.locator("input[name=code]").fill(recovery_code)
        other.locator("main form button[type=submit]").first.click()
        expect(other).to_have_url(re.compile(r"/admin/$"))
        expect(other.locator('[data-moderation-queue="contributions"]').first).to_be_visible()
    finally:
        other.wait_for_load_state("networkidle")
        context.close()
