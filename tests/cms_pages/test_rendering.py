"""Every page type renders with the demo content, in French and in English."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = {
    "home": "/",
    "territory index": "/territoires/",
    "territory": "/territoires/grand-belfort/",
    "enjeu index": "/enjeux/",
    "enjeu": "/enjeux/mobilite/",
    "event index": "/evenements/",
    "standard": "/le-projet/",
}

FIVE_TERRITORY_SLUGS = [
    "grand-belfort",
    "pays-de-montbeliard-agglomeration",
    "pays-d-hericourt",
    "sud-territoire",
    "vosges-du-sud",
]


def event_url(home):
    from cms_pages.models import EventPage

    return EventPage.objects.live().first().get_url()


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_renders_in_french(client, shared_demo, path):
    response = client.get(path)
    assert response.status_code == 200
    assert '<html lang="fr"' in response.content.decode()


def test_event_page_renders(client, shared_demo):
    assert client.get(event_url(shared_demo)).status_code == 200


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_renders_in_english_after_the_switch(client, shared_demo, path):
    client.post(reverse("set_language"), {"language": "en", "next": path})
    response = client.get(path)
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


def test_language_switch_keeps_the_url(client, shared_demo):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "/territoires/grand-belfort/"}
    )
    assert response["Location"] == "/territoires/grand-belfort/"


@pytest.mark.parametrize("slug", FIVE_TERRITORY_SLUGS)
def test_each_territory_has_its_public_url(client, shared_demo, slug):
    assert client.get(f"/territoires/{slug}/").status_code == 200


def test_english_interface_strings_are_translated_back_to_french(client, shared_demo):
    """The French catalogue is compiled: an interface string reads in French by default."""
    html = client.get("/").content.decode()
    assert "Aller au contenu" in html
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Skip to content" in client.get("/").content.decode()


def test_draft_page_is_not_served(client, shared_demo):
    from cms_pages.models import EnjeuPage

    enjeu = EnjeuPage.objects.get(slug="mobilite")
    enjeu.unpublish()
    assert client.get("/enjeux/mobilite/").status_code == 404


def test_an_english_browser_still_gets_french_until_the_switch(client, shared_demo):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert '<html lang="fr"' in html


def test_an_unknown_language_cookie_falls_back_to_french(client, shared_demo):
    client.cookies["django_language"] = "de"
    assert '<html lang="fr"' in client.get("/").content.decode()


def test_an_unpublished_territory_is_not_listed_with_events(client, shared_demo):
    from cms_pages.models import EventPage, TerritoryPage

    territory = TerritoryPage.objects.get(slug="sud-territoire")
    territory.unpublish()
    big_event = EventPage.objects.get(kind=EventPage.Kind.GRAND_EVENEMENT)
    page_html = client.get(big_event.get_url()).content.decode()
    assert 'href="/territoires/sud-territoire/"' not in page_html
    assert 'href="/territoires/grand-belfort/"' in page_html
    index = client.get("/evenements/")
    listed = {t.slug for e in index.context["past_events"] for t in e.territories.all()}
    assert "sud-territoire" not in listed
    assert "grand-belfort" in listed
