"""The privacy notice at /confidentialite/: in French and in English, its periods read from the
settings the code applies (so they cannot drift), each installed plugin's section, and the links
to it from every page's footer and from the sign-up form."""

import re
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from wagtail import hooks

from accounts.privacy import duration
from cms_pages.extension_points import PAGE_PANELS
from cms_pages.slugs import shadows_project_url

pytestmark = pytest.mark.django_db

URL = "/confidentialite/"


def notice(client, language=None):
    if language:
        client.cookies["django_language"] = language
    response = client.get(URL)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text_of(soup):
    return " ".join(soup.select_one("main").get_text(" ").split())


def test_the_notice_is_served_at_its_french_address():
    assert reverse("privacy") == URL
    # A page may not take the slug.
    assert shadows_project_url(URL)


def test_the_notice_is_in_french_with_the_periods_in_force(client, home_page, settings):
    soup = notice(client)
    text = text_of(soup)

    assert soup.html["lang"] == "fr"
    assert soup.select_one("main h1").get_text() == "Politique de confidentialité"
    assert "Un compte sans aucune connexion depuis 3 ans est supprimé" in text
    assert "un e-mail vous prévient 30 jours avant" in text
    assert "supprimé 90 jours après son écriture" in text
    assert "supprimées au bout de 30 jours" in text  # rate-limit records
    assert "supprimé au bout de 7 jours" in text  # data exports
    assert "ou 2 semaines après votre connexion" in text  # sessions
    assert "ce journal est supprimé au bout de 180 jours" in text
    assert "Chaque copie est supprimée au bout de 2 semaines" in text  # backups
    assert "ceux que les administrateurs ont désactivés, ne sont pas supprimés" in text
    cookies = [item.get_text() for item in soup.select("#privacy-cookies ~ ul li code")]
    assert cookies == ["sessionid", "messages", "csrftoken", "django_language"]
    assert soup.select_one(f'main a[href="mailto:{settings.PRIVACY_CONTACT_EMAIL}"]')


def test_the_periods_follow_the_settings(client, home_page, settings):
    settings.INACTIVE_ACCOUNT_DAYS = 730
    settings.INACTIVE_ACCOUNT_WARNING_DAYS = 14
    settings.OUTBOX_RETENTION_DAYS = 45
    settings.PERSONAL_DATA_EXPORT_DAYS = 3
    settings.SESSION_COOKIE_AGE = 24 * 3600
    settings.SERVER_LOG_RETENTION_DAYS = 365
    settings.BACKUP_RETENTION_DAYS = 30
    settings.PRIVACY_CONTACT_EMAIL = "dpo@example.org"

    soup = notice(client)
    text = text_of(soup)

    assert "depuis 2 ans est supprimé : un e-mail vous prévient 2 semaines avant" in text
    assert "supprimé 45 jours après son écriture" in text
    assert "supprimé au bout de 3 jours" in text
    assert "ou 1 jour après votre connexion" in text
    assert "ce journal est supprimé au bout de 1 an" in text
    assert "Chaque copie est supprimée au bout de 30 jours" in text
    assert soup.select_one('main a[href="mailto:dpo@example.org"]')
    assert "3 ans" not in text


def test_the_notice_is_in_english_on_the_english_site(client, home_page):
    soup = notice(client, "en")
    text = text_of(soup)

    assert soup.html["lang"] == "en"
    assert soup.select_one("main h1").get_text() == "Privacy notice"
    assert "An account nobody has logged in to for 3 years is deleted" in text
    assert "deleted 90 days after it was written" in text


@pytest.mark.parametrize(
    ("days", "french"),
    [
        (1095, "3 ans"),
        (365, "1 an"),
        (14, "2 semaines"),
        (364, "52 semaines"),
        (90, "90 jours"),
        (7, "7 jours"),
        (1, "1 jour"),
        (0, "0 jour"),
    ],
)
def test_periods_read_as_people_say_them(days, french):
    with translation.override("fr"):
        assert duration(days) == french


def test_the_rights_link_to_the_profile_and_the_deletion_page(client, home_page):
    soup = notice(client)
    links = {a["href"] for a in soup.select("main a")}
    assert reverse("accounts:profile") in links
    assert reverse("accounts:delete_account") in links
    assert "https://www.cnil.fr/fr/plaintes" in links


def test_each_installed_plugin_says_what_it_keeps(client, home_page):
    headings = [h3.get_text() for h3 in notice(client).select("main h3")]
    for plugin_section in ("Révoltes et rêves", "Initiatives", "Discussions", "Recherche"):
        assert plugin_section in headings


def test_without_plugins_the_notice_keeps_the_core_alone(client, home_page):
    with mock.patch.dict(hooks._hooks, {PAGE_PANELS: []}):
        headings = [h3.get_text() for h3 in notice(client).select("main h3")]
    assert "Votre compte" in headings
    assert "Révoltes et rêves" not in headings
    assert "Discussions" not in headings


def test_the_map_tiles_server_is_named_only_when_there_is_one(client, home_page, settings):
    settings.MAP_TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert "tile.openstreetmap.org" in text_of(notice(client))
    settings.MAP_TILES_URL = ""
    assert "fonds des cartes" not in text_of(notice(client))


def test_every_page_links_to_the_notice_from_its_footer(client, home_page):
    footer = BeautifulSoup(client.get("/").content, "html.parser").select_one("footer")
    link = footer.select_one(f'a[href="{URL}"]')
    assert link.get_text() == "Politique de confidentialité"
    assert "aria-current" not in link.attrs
    # On the notice itself, the link says so.
    assert notice(client).select_one(f'footer a[href="{URL}"]')["aria-current"] == "page"


def test_the_sign_up_form_links_to_the_notice(client, home_page):
    soup = BeautifulSoup(client.get(reverse("account_signup")).content, "html.parser")
    note = soup.select_one("main form [data-privacy-note]")
    assert note.select_one(f'a[href="{URL}"]')
    assert re.match(r"En créant un compte, vous reconnaissez", note.get_text().strip())
    # Not on the other account forms.
    login = BeautifulSoup(client.get(reverse("account_login")).content, "html.parser")
    assert not login.select(f'main form a[href="{URL}"]')


def test_the_notice_answers_only_reading(client, home_page):
    assert client.post(URL).status_code == 405
