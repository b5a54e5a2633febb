"""Content-Security-Policy and Permissions-Policy (website/security.py, settings « CSP »)."""

import importlib.util
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.models import Page

from tests import factories
from tests.crawl import crawl
from website.security import tiles_origin

CSP = "Content-Security-Policy"
CSP_RO = "Content-Security-Policy-Report-Only"
#: How many URLs the inline-code crawl visits (the demo has more: contributions by the hundred).
CRAWLED = 120


def directives(header):
    """``{"script-src": ["'self'"], …}`` from a policy header."""
    policy = {}
    for part in header.split(";"):
        name, *values = part.split()
        policy[name] = values
    return policy


def test_a_public_page_gets_the_strict_policy(client, home_page):
    response = client.get(home_page.url)
    assert response.status_code == 200
    assert CSP_RO not in response
    policy = directives(response[CSP])
    assert policy["default-src"] == ["'self'"]
    # No inline script, no nonce, no eval: a cached page cannot freeze a nonce.
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]  # no tiles in test settings
    assert policy["connect-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert "nonce" not in response[CSP]


@pytest.mark.parametrize("path", ["/comptes/login/", "/admin/login/"])
def test_the_login_pages_are_public_and_strict(client, db, path):
    """allauth's login, at its own path and at the admin's (one login path)."""
    response = client.get(path)
    assert response.status_code == 200
    assert directives(response[CSP])["script-src"] == ["'self'"]


@override_settings(MAP_TILES_URL="https://{s}.tiles.example.org/{z}/{x}/{y}.png")
def test_the_tiles_host_comes_from_the_settings(client, home_page):
    policy = directives(client.get(home_page.url)[CSP])
    assert policy["img-src"] == ["'self'", "data:", "https://*.tiles.example.org"]


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tile.example.fr/{z}/{x}/{y}.png", "https://*.tile.example.fr"),
        ("http://tiles.local:8080/{z}/{x}/{y}.png", "http://tiles.local:8080"),
        ("", None),
        ("/tiles/{z}/{x}/{y}.png", None),
        ("https://tiles.{s}.example.org/{z}.png", None),
    ],
)
def test_tiles_origin(url, origin):
    assert tiles_origin(url) == origin


def test_the_admin_gets_its_own_looser_policy(client, db):
    response = client.get("/admin/")
    policy = directives(response[CSP])
    # Wagtail's admin runs inline scripts and styles: only under /admin/.
    assert "'unsafe-inline'" in policy["script-src"]
    assert "'unsafe-inline'" in policy["style-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]  # the admin frames its own previews
    assert policy["base-uri"] == ["'self'"]


@override_settings(GEO_WIDGET_LEAFLET_TILE_LAYER="https://tiles.example.org/{z}/{x}/{y}.png")
def test_the_admin_allows_the_geo_widget_tiles(client, home_page):
    assert "https://tiles.example.org" in directives(client.get("/admin/")[CSP])["img-src"]
    assert "https://tiles.example.org" not in client.get(home_page.url)[CSP]


def test_the_report_only_switch_sends_the_same_policies_as_report_only(client, home_page):
    public = client.get(home_page.url)[CSP]
    admin = client.get("/admin/")[CSP]
    with override_settings(
        CONTENT_SECURITY_POLICY=None,
        CONTENT_SECURITY_POLICY_REPORT_ONLY=settings.CONTENT_SECURITY_POLICY,
    ):
        public_response = client.get(home_page.url)
        admin_response = client.get("/admin/")
    assert CSP not in public_response
    assert CSP not in admin_response
    assert directives(public_response[CSP_RO]) == directives(public)
    assert directives(admin_response[CSP_RO]) == directives(admin)


def base_settings(monkeypatch, report_only):
    """website/settings/base.py run afresh (another module: the live settings stay as they are)
    with ``CSP_REPORT_ONLY`` set to ``report_only``."""
    monkeypatch.setenv("CSP_REPORT_ONLY", report_only)
    spec = importlib.util.spec_from_file_location(
        "base_settings_probe", Path(settings.BASE_DIR) / "website" / "settings" / "base.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("value", "report_only"), [("1", True), ("0", False), ("", False)])
def test_the_report_only_environment_variable_switches_the_settings(
    monkeypatch, value, report_only
):
    base = base_settings(monkeypatch, value)
    enforced = getattr(base, "CONTENT_SECURITY_POLICY", None)
    reported = getattr(base, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
    policy = reported if report_only else enforced
    assert (enforced is None, reported is None) == (report_only, not report_only)
    assert policy == settings.CONTENT_SECURITY_POLICY  # the same policy, in the other header


def test_permissions_policy(client, home_page):
    for response in (client.get(home_page.url), client.get("/admin/")):
        features = dict(
            item.strip().split("=") for item in response["Permissions-Policy"].split(",")
        )
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert features[feature] == "()"


def test_static_files_get_the_headers_too(client, db):
    response = client.get("/static/theme/css/site.css")
    assert response.status_code == 200
    assert directives(response[CSP])["script-src"] == ["'self'"]
    assert "Permissions-Policy" in response


def test_the_enjeu_colours_stylesheet(client, home_page):
    index = factories.EnjeuIndexPageFactory(parent=home_page)
    shown = factories.EnjeuPageFactory(parent=index, colour="#e0a800")
    draft = factories.EnjeuPageFactory(parent=index, colour="#123456", live=False)
    broken = factories.EnjeuPageFactory(parent=index)
    type(broken).objects.filter(pk=broken.pk).update(
        colour="red;}{x"
    )  # 7 characters: the column's size
    response = client.get("/couleurs-des-enjeux.css")
    assert response["Content-Type"] == "text/css; charset=utf-8"
    css = response.content.decode()
    assert css == f".enjeu-colour-{shown.pk} {{ --enjeu-colour: #e0a800; }}\n"
    assert "max-age=300" in response["Cache-Control"]
    again = client.get("/couleurs-des-enjeux.css", headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304
    shown.colour = "#000000"
    shown.save_revision().publish()
    changed = client.get("/couleurs-des-enjeux.css", headers={"If-None-Match": response["ETag"]})
    assert changed.status_code == 200
    assert "#000000" in changed.content.decode()
    assert draft.pk  # a draft enjeu is left out


def inline_code(html):
    """What a strict policy would block in a page: inline scripts, event handler attributes,
    javascript: URLs, style attributes and <style> elements."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for script in soup.find_all("script"):
        if not script.get("src") and script.get("type") != "application/json":
            found.append(str(script)[:120])
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            javascript_url = name in ("href", "src", "action") and str(value).strip().lower()
            if (
                name.startswith("on")
                or name == "style"
                or str(javascript_url).startswith("javascript:")
            ):
                found.append(f"{element.name} {name}={value!r}"[:120])
    found += [str(style)[:120] for style in soup.find_all("style")]
    return found


class InspectingClient(Client):
    """A test client that notes, per URL, what a strict policy would block in its pages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.found = {}

    def get(self, path, *args, **kwargs):
        response = super().get(path, *args, **kwargs)
        is_html = response.get("Content-Type", "").startswith("text/html")
        if response.status_code == 200 and is_html and (code := inline_code(response.content)):
            self.found[path] = code
        return response


def test_the_demo_pages_carry_no_inline_script_or_style(shared_demo):
    """Every Wagtail page of the demo and the first pages a visitor reaches from the home page
    (plugin views included: contributions, forums, initiatives, search)."""
    client = InspectingClient()
    pages = [page.url for page in Page.objects.live().public().specific() if page.url]
    seen = crawl(client, start=["/", *pages, "/comptes/login/", "/comptes/signup/"], limit=CRAWLED)
    assert len(seen) == CRAWLED
    assert client.found == {}


@pytest.mark.parametrize(
    "name",
    ["accounts:profile", "account_email", "account_change_password", "mfa_index"],
)
def test_the_account_pages_carry_no_inline_script_or_style(client, user, name):
    client.force_login(user)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert inline_code(response.content.decode()) == []
