"""Every page type renders with the demo content, in French and in English: its title, its
headings in the visitor's language and the content that makes it that page. Public pages run a
bounded number of SQL queries that does not grow with the data: the same bound with the demo
content and with 15 more territories, enjeux and events. (One module, so the demo tree is
loaded once for both.)"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from cms_pages.models import (
    EnjeuIndexPage,
    EnjeuPage,
    EventIndexPage,
    EventPage,
    TerritoryIndexPage,
    TerritoryPage,
)
from tests.factories import EnjeuPageFactory, EventPageFactory, TerritoryPageFactory
from tests.worlds import rolled_back

pytestmark = pytest.mark.django_db

SITE_NAME = "Aux actes citoyens"
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
ENJEU_SLUGS = [
    "agriculture-de-demain",
    "bien-vieillir",
    "emploi-de-demain",
    "lieux-d-avenir",
    "mobilite",
    "sante-d-avenir",
    "solidarite",
    "economie-circulaire",
    "education",
    "egalite-des-chances",
    "energie",
]
EVENT_SLUGS = [
    "grand-evenement-emergence-des-initiatives",
    "capitalisation-vosges-du-sud",
    "capitalisation-sud-territoire",
    "capitalisation-pays-d-hericourt",
    "capitalisation-pays-de-montbeliard-agglomeration",
    "capitalisation-grand-belfort",
]

# What each page shows: its heading; its section headings in French, then in English; words
# of its own content (the same in both languages: the editors write in French); the links of
# its main content that must be there.
SHOWN = {
    "home": (
        SITE_NAME,
        ["Votre voix compte", "Trois phases", "Cinq territoires", "Derniers enjeux", "Objectifs"],
        ["Your voice counts", "Three phases", "Five territories", "Latest enjeux", "Objectifs"],
        ["à l'échelle du Nord Franche-Comté", "Labourage"],
        [f"/territoires/{slug}/" for slug in FIVE_TERRITORY_SLUGS] + ["/enjeux/"],
    ),
    "territory index": (
        "Territoires",
        [],
        [],
        ["les cinq intercommunalités (EPCI)", "Grand Belfort", "Pays de Montbéliard Agglomération"],
        [f"/territoires/{slug}/" for slug in FIVE_TERRITORY_SLUGS],
    ),
    "territory": (
        "Grand Belfort",
        ["Identité", "Révoltes et rêves", "Votre voix compte", "Événements", "Initiatives"],
        ["Identity", "Révoltes and rêves", "Your voice counts", "Events", "Initiatives"],
        ["une communauté d'agglomération de 52 communes", "200069052", "Belfort (INSEE 90010)"],
        [],
    ),
    "enjeu index": (
        "Enjeux",
        [],
        [],
        ["Les enjeux naissent des révoltes et des rêves", "Comment se déplacer au quotidien"],
        [f"/enjeux/{slug}/" for slug in ENJEU_SLUGS],
    ),
    "enjeu": (
        "Mobilité",
        [
            "Les révoltes et les rêves de cet enjeu",
            "Votre voix compte",
            "Initiatives",
            "Discussions",
        ],
        ["The révoltes and rêves of this enjeu", "Your voice counts", "Initiatives", "Discussions"],
        [
            "Comment se déplacer au quotidien",
            "Covoit'Sud : covoiturage entre villages",
            "Des bus le dimanche entre Giromagny et Belfort ?",
        ],
        [],
    ),
    "event index": (
        "Événements",
        ["Événements à venir", "Événements passés"],
        ["Upcoming events", "Past events"],
        ["Cinq événements de capitalisation", "Grand événement d'émergence des initiatives"],
        [f"/evenements/{slug}/" for slug in EVENT_SLUGS],
    ),
    "standard": (
        "Le projet",
        ["Objectifs", "Un processus en trois temps", "Les enjeux révélés", "Les événements"],
        ["Objectifs", "Un processus en trois temps", "Les enjeux révélés", "Les événements"],
        ["Accompagner et amplifier les politiques publiques"],
        [],
    ),
}


def parsed(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def assert_shows(soup, name, language):
    """``soup`` is the page ``name`` in ``language``, showing what SHOWN says."""
    heading, french, english, content, links = SHOWN[name]
    assert soup.html["lang"] == language
    assert soup.h1.get_text(" ", strip=True) == heading
    title = SITE_NAME if heading == SITE_NAME else f"{heading} – {SITE_NAME}"
    assert soup.title.get_text(strip=True) == title
    main = soup.select_one("main")
    sections = [h2.get_text(" ", strip=True) for h2 in main.select("h2")]
    assert sections == (french if language == "fr" else english)
    text = main.get_text(" ", strip=True)
    for words in content:
        assert words in text, words
    hrefs = {link["href"] for link in main.select("a[href]")}
    assert set(links) <= hrefs, set(links) - hrefs


def event_url(home):
    return EventPage.objects.live().first().get_url()


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_renders_in_french(client, shared_demo, path):
    response = client.get(path)
    assert '<html lang="fr"' in response.content.decode()
    assert_shows(parsed(response), next(name for name, at in PAGES.items() if at == path), "fr")


def test_event_page_renders(client, shared_demo):
    event = EventPage.objects.live().first()
    soup = parsed(client.get(event_url(shared_demo)))
    assert soup.h1.get_text(" ", strip=True) == event.title
    assert soup.title.get_text(strip=True) == f"{event.title} – {SITE_NAME}"
    text = soup.select_one("main").get_text(" ", strip=True)
    assert "Date et lieu indicatifs" in text
    territories = [territory.title for territory in event.territories.all()]
    assert territories
    for title in territories:
        assert title in text


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_renders_in_english_after_the_switch(client, shared_demo, path):
    client.get(reverse("set_language"), {"language": "en", "next": path})
    response = client.get(path)
    assert '<html lang="en"' in response.content.decode()
    assert_shows(parsed(response), next(name for name, at in PAGES.items() if at == path), "en")


def test_language_switch_keeps_the_url(client, shared_demo):
    response = client.get(
        reverse("set_language"), {"language": "en", "next": "/territoires/grand-belfort/"}
    )
    assert response["Location"] == "/territoires/grand-belfort/"


@pytest.mark.parametrize("slug", FIVE_TERRITORY_SLUGS)
def test_each_territory_has_its_public_url(client, shared_demo, slug):
    territory = TerritoryPage.objects.get(slug=slug)
    soup = parsed(client.get(f"/territoires/{slug}/"))
    assert soup.h1.get_text(" ", strip=True) == territory.title
    text = soup.select_one("main").get_text(" ", strip=True)
    assert territory.siren in text
    assert f"{territory.communes.count()} communes membres" in text


def test_english_interface_strings_are_translated_back_to_french(client, shared_demo):
    """The French catalogue is compiled: an interface string reads in French by default."""
    html = client.get("/").content.decode()
    assert "Aller au contenu" in html
    client.get(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Skip to content" in client.get("/").content.decode()


def test_draft_page_is_not_served(client, shared_demo):
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


# Queries.

# One bound per page, the same at both data sizes (Wagtail's routing and view-restriction
# checks account for most of them).
BOUNDS = {
    "/": 18,
    "/territoires/": 16,
    "/territoires/grand-belfort/": 19,
    "/enjeux/": 16,
    "/enjeux/mobilite/": 17,
    "/evenements/": 19,
    "/le-projet/": 15,
    "/api/territoires.geojson": 6,
    "/api/v2/pages/?limit=50": 10,
}


def grow(extra):
    """Add ``extra`` territories, enjeux and events (each event in every territory)."""
    territory_index = TerritoryIndexPage.objects.get()
    enjeu_index = EnjeuIndexPage.objects.get()
    event_index = EventIndexPage.objects.get()
    territories = list(TerritoryPage.objects.all())
    for _ in range(extra):
        territories.append(TerritoryPageFactory(parent=territory_index))
        EnjeuPageFactory(parent=enjeu_index)
        event = EventPageFactory(parent=event_index)
        event.territories.set(territories)
        event.save()
    belfort = TerritoryPage.objects.get(slug="grand-belfort")
    for event in EventPage.objects.all():
        event.territories.add(belfort)


@pytest.fixture(scope="class")
def grown(_demo_content_for_module, django_db_blocker):
    """The demo with 15 more territories, enjeux and events (``grow``), built once for the
    class in a savepoint of the module's demo, rolled back after it."""
    with rolled_back(django_db_blocker):
        grow(15)
        yield


@pytest.mark.parametrize("path", BOUNDS.keys())
def test_query_count_is_bounded_with_the_demo(
    client, shared_demo, django_assert_max_num_queries, path
):
    client.get(path)  # warm per-process caches (content types, site root paths)
    with django_assert_max_num_queries(BOUNDS[path]):
        assert client.get(path).status_code == 200


class TestTheSecondDataSize:
    """The same bound once 15 territories, enjeux and events are added (the data built once
    for the class, each test in its own savepoint)."""

    @pytest.mark.parametrize("path", BOUNDS.keys())
    def test_query_count_is_still_bounded_with_more_data(
        self, client, grown, shared_demo, django_assert_max_num_queries, path
    ):
        assert TerritoryPage.objects.count() == 5 + 15
        client.get(path)  # warm per-process caches (content types, site root paths)
        with django_assert_max_num_queries(BOUNDS[path]):
            assert client.get(path).status_code == 200
