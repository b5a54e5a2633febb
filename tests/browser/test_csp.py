"""The Content-Security-Policy holds in a browser: the main public pages of the demo run under
the strict policy (no inline script, no style attribute, no <style> element) without a single
violation, and their maps still draw (website/security.py)."""

import re

import pytest
from playwright.sync_api import expect

from cms_pages.models import EventPage
from forums.models import Thread
from initiatives.models import InitiativePage
from tests.browser.conftest import session_cookie, wait_until
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

PASSWORD = "motdepasse-solide-42"  # tests/factories.py

#: Console messages about the policies (a refused resource, an unknown feature name).
WATCHED_MESSAGES = re.compile("Content Security Policy|Permissions-Policy|Permissions Policy")
#: Runs before any script of each document: collects the violations the page reports.
WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` (${event.sourceFile}:${event.lineNumber}) ${event.sample}`
  );
});
"""


def public_paths():
    thread = Thread.objects.filter(members_only=False, page__live=True).order_by("pk").first()
    return [
        "/",
        "/territoires/grand-belfort/",
        "/contributions/?territoire=grand-belfort&kind=reve",
        "/enjeux/mobilite/",
        "/enjeux/mobilite/discussions/",
        thread.get_absolute_url(),
        EventPage.objects.live().public().order_by("pk").first().url,
        "/initiatives/",
        InitiativePage.objects.live().public().order_by("pk").first().url,
        "/recherche/?q=mobilit%C3%A9",
        "/comptes/login/",
        "/comptes/signup/",
    ]


def signed_in_paths():
    return [
        "/contributions/nouvelle/",
        "/initiatives/nouvelle/",
        "/comptes/profil/",
        "/comptes/2fa/",
    ]


def visit_without_violation(page, paths):
    messages = []
    page.on(
        "console",
        lambda message: (
            messages.append(message.text) if WATCHED_MESSAGES.search(message.text) else None
        ),
    )
    page.add_init_script(WATCH_VIOLATIONS)
    failures = {}
    for path in paths:
        messages.clear()
        response = page.goto(path)
        assert response.status == 200, path
        assert "script-src 'self';" in response.headers["content-security-policy"] + ";"
        territory = page.locator("select[name=territory]")
        if territory.count():  # the point pickers draw once a territory is chosen
            territory.select_option(label="Grand Belfort")
        elif page.locator("[data-point-map]").count():
            page.get_by_label("Grand Belfort").check()
        for selector in ("[data-map]", "[data-point-map]"):
            if page.locator(selector).count():
                expect(page.locator(selector).first).to_have_attribute("data-map-state", "ready")
        if path.startswith("/recherche/"):
            expect(page.locator(".search-hit").first).to_be_visible()
        page.wait_for_load_state("networkidle")
        violations = page.evaluate("window.__cspViolations") + messages
        if violations:
            failures[path] = violations
    assert failures == {}


def test_the_public_pages_run_under_the_policy(site, page):
    visit_without_violation(page, public_paths())
    # The header's search suggestions: a fetch (connect-src) and a list drawn by a script.
    page.goto("/")
    page.locator("#site-search-q").press_sequentially("mobil", delay=30)
    expect(page.locator("#site-search-q-suggestions [role=option]").first).to_be_visible()
    assert page.evaluate("window.__cspViolations") == []


def test_the_signed_in_forms_run_under_the_policy(site, page, live_server):
    page.context.add_cookies([session_cookie(live_server, UserFactory())])
    visit_without_violation(page, signed_in_paths())


def test_the_totp_qr_code_shows(site, page, live_server):
    """The TOTP QR code is a data: image: img-src allows it."""
    page.context.add_cookies([session_cookie(live_server, UserFactory())])
    page.add_init_script(WATCH_VIOLATIONS)
    page.goto("/comptes/2fa/totp/activate/")
    # allauth first asks the password again (the session's login is not recent).
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/comptes/2fa/totp/activate/"))
    qr_code = page.locator("img[src^='data:']")
    expect(qr_code).to_have_count(1)
    wait_until(page, "document.querySelector(\"img[src^='data:']\").naturalWidth > 0")
    assert page.evaluate("window.__cspViolations") == []


def test_a_violation_is_caught(site, page):
    """The watch works: an inline script added to a page is blocked and reported."""
    page.add_init_script(WATCH_VIOLATIONS)
    page.goto("/")
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__ran = true";
          document.body.append(script);
        }"""
    )
    wait_until(page, "window.__cspViolations.length > 0")
    assert page.evaluate("window.__ran === undefined")
    assert "script-src" in page.evaluate("window.__cspViolations")[0]
