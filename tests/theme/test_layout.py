"""The base layout: header, navigation, account links, messages, footer, language switch."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

THEME = Path(settings.BASE_DIR) / "theme"


def build_world():
    """The site's home page, built once for the module."""
    return factories.site_with_home_page()


@pytest.fixture
def home_page(world):
    return world


def html_of(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_skip_link_leads_to_the_main_content(client, home_page):
    html = html_of(client, "/")
    assert '<a class="skip-link" href="#contenu">' in html
    assert '<main id="contenu"' in html


def test_main_menu_shows_only_pages_marked_for_menus(client, home_page):
    factories.EnjeuIndexPageFactory(parent=home_page, show_in_menus=True)
    factories.StandardPageFactory(parent=home_page, title="Coulisses", show_in_menus=False)
    nav = re.search(r'<nav class="main-nav".*?</nav>', html_of(client, "/"), re.S).group()
    assert 'href="/enjeux/"' in nav
    assert "Coulisses" not in nav


def test_current_page_is_marked_in_the_main_menu(client, home_page):
    factories.EnjeuIndexPageFactory(parent=home_page, show_in_menus=True)
    assert 'href="/enjeux/" aria-current="page"' in html_of(client, "/enjeux/")


def test_section_of_the_current_page_is_marked_in_the_main_menu(client, home_page):
    index = factories.EnjeuIndexPageFactory(parent=home_page, show_in_menus=True)
    enjeu = factories.EnjeuPageFactory(parent=index)
    assert 'href="/enjeux/" class="is-current"' in html_of(client, enjeu.url)


def test_footer_links_standard_pages_marked_for_the_footer(client, home_page):
    factories.StandardPageFactory(parent=home_page, title="Mentions légales", show_in_footer=True)
    factories.StandardPageFactory(parent=home_page, title="Le projet", show_in_footer=False)
    footer = re.search(r"<footer.*?</footer>", html_of(client, "/"), re.S).group()
    assert "Mentions légales" in footer
    assert "Le projet" not in footer


def test_footer_gives_the_programme_contact(client, home_page):
    footer = re.search(r"<footer.*?</footer>", html_of(client, "/"), re.S).group()
    assert "150 avenue Jean Jaurès" in footer
    assert 'href="mailto:agir@lacooperativedescitoyens.fr"' in footer


def test_language_switch_sends_the_current_path_with_a_get_and_no_csrf_token(client, home_page):
    factories.StandardPageFactory(parent=home_page, slug="le-projet")
    html = html_of(client, "/le-projet/?onglet=2")
    form = re.search(r'<form class="language-switch".*?</form>', html, re.S).group()
    assert f'action="{reverse("set_language")}" method="get"' in form
    assert "csrfmiddlewaretoken" not in form
    assert 'name="next" value="/le-projet/?onglet=2"' in form
    assert re.findall(r'<option value="(\w+)"', form) == ["fr", "en"]


def test_anonymous_visitor_is_offered_login_and_signup(client, home_page):
    html = html_of(client, "/")
    assert f'href="{reverse("account_login")}"' in html
    assert f'href="{reverse("account_signup")}"' in html


def test_signed_in_citizen_sees_their_display_name_and_a_logout_form(client, home_page, user):
    client.force_login(user)
    html = html_of(client, "/")
    assert f'<a href="{reverse("accounts:profile")}">{user.display_name}</a>' in html
    assert f'<form method="post" action="{reverse("account_logout")}">' in html
    assert user.email not in html


def test_signed_in_citizen_finds_their_contributions_and_initiatives(client, home_page, user):
    client.force_login(user)
    html = html_of(client, "/")
    assert f'<a href="{reverse("consultation:mine")}">' in html
    assert f'<a href="{reverse("initiatives:mine")}">' in html


def test_messages_are_shown_after_a_redirect(client, home_page, user):
    client.force_login(user)
    response = client.post(reverse("accounts:profile"), {"display_name": "Camille"}, follow=True)
    assert re.search(r'class="message message--success">[^<]+</li>', response.content.decode())


def test_map_settings_keep_a_decimal_point_in_french(client, home_page):
    html = html_of(client, "/")
    raw = re.search(r'<script id="carte-settings" type="application/json">(.*?)</script>', html)
    assert json.loads(raw.group(1))["center"] == settings.MAP_DEFAULT_CENTER


def hosts_named_in(text):
    # An XML namespace is a name, not a request.
    text = re.sub(r'xmlns(?::\w+)?="[^"]*"', "", text)
    return re.findall(r"(?:https?:)?//[\w.-]+\.[a-z]{2,}", text)


@pytest.mark.parametrize("folder", ["templates", "static"])
def test_theme_files_name_no_third_party_host(folder):
    """Fonts, scripts and styles are ours: nothing in the theme points at another host."""
    offenders = [
        f"{path.relative_to(THEME)}: {url}"
        for path in (THEME / folder).rglob("*")
        if path.is_file() and path.suffix in {".html", ".css", ".js", ".svg"}
        for url in hosts_named_in(path.read_text())
    ]
    assert not offenders
