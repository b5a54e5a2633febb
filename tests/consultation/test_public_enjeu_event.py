"""An enjeu page shows its published révoltes and rêves (counts per territory as numbers and
bars, the latest ones, a link to the filtered map); an event page shows those gathered there;
the home, territory and enjeu pages and the search without result call to share one, and the
form takes the territory (and the enjeu) they name."""

import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms_pages.panels import build_panels
from consultation.panels import PAGE_CONTRIBUTIONS
from tests import factories
from tests.consultation.public_helpers import UNPUBLISHED, XSS, contribution, region_world

pytestmark = pytest.mark.django_db

build_world = region_world  # once per module (tests/worlds.py)


@pytest.fixture
def region(world):
    return world.region


def soup_of(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def chart_rows(soup):
    """``{territory slug: (révoltes, rêves)}`` read from the numbers shown as text."""
    rows = {}
    for row in soup.select("[data-contribution-chart] tbody tr"):
        numbers = [cell.get_text(strip=True) for cell in row.select("td")]
        rows[row["data-territory"]] = tuple(int(number) for number in numbers)
    return rows


def linked(territory, enjeu, **fields):
    item = contribution(territory, **fields)
    item.enjeux.add(enjeu)
    return item


def test_the_enjeu_page_counts_its_published_contributions_per_territory(client, region):
    for kind in ("revolte", "revolte", "reve"):
        linked(region.nord, region.enjeu, kind=kind)
    linked(region.sud, region.enjeu, kind="reve")
    for status in UNPUBLISHED:
        linked(region.nord, region.enjeu, status=status)
    contribution(region.sud, kind="revolte")  # not linked to the enjeu

    soup = soup_of(client, region.enjeu.url)

    panel = soup.select_one("[data-enjeu-contributions]")
    assert panel["data-contribution-count"] == "4"
    assert chart_rows(soup) == {"nord": (2, 1), "sud": (0, 1)}
    assert panel.select_one("[data-contribution-chart] caption")
    # The bars are drawn to scale of the largest count and hidden from screen readers.
    # Widths are classes (whole percents, consultation.css): the CSP refuses style attributes.
    bars = [bar["class"][-1] for bar in panel.select(".contribution-chart__bar")]
    assert bars == [f"contribution-chart__bar--w{width}" for width in (100, 50, 0, 50)]
    assert not panel.select("[style]")
    assert all(bar["aria-hidden"] == "true" for bar in panel.select(".contribution-chart__bar"))


def test_the_enjeu_page_lists_its_latest_ones_and_links_to_the_filtered_map(client, region):
    items = [linked(region.nord, region.enjeu, title=f"Idée {n}") for n in range(8)]
    hidden = linked(region.nord, region.enjeu, title="Cachée", status="hidden")
    other = contribution(region.nord, title="Ailleurs")

    panel = soup_of(client, region.enjeu.url).select_one("[data-enjeu-contributions]")

    shown = [li["data-contribution"] for li in panel.select("[data-page-contributions] li")]
    assert shown == [str(item.pk) for item in reversed(items)][:PAGE_CONTRIBUTIONS]
    assert str(hidden.pk) not in shown and str(other.pk) not in shown
    link = panel.select_one("[data-filtered-map-link]")
    assert link["href"] == reverse("consultation:map") + "?enjeu=mobilite"
    listed = client.get(link["href"]).content.decode()
    assert "8 contributions" in listed


def test_an_enjeu_without_contribution_says_so(client, region):
    panel = soup_of(client, region.enjeu.url).select_one("[data-enjeu-contributions]")
    assert panel["data-contribution-count"] == "0"
    assert not panel.select("[data-contribution-chart], [data-filtered-map-link]")


def test_contributions_are_escaped_on_the_enjeu_and_event_pages(client, region):
    linked(region.nord, region.enjeu, title=XSS, event=region.event)
    for url in (region.enjeu.url, region.event.url):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "&lt;script&gt;" in page


def test_the_event_page_shows_the_contributions_gathered_there(client, region):
    other_event = factories.EventPageFactory(parent=region.event.get_parent(), slug="autre")
    gathered = [
        contribution(region.nord, kind=kind, event=region.event, title=f"Recueillie {n}")
        for n, kind in enumerate(("revolte", "reve", "reve"))
    ]
    contribution(region.nord, event=region.event, status="pending", title="En attente")
    contribution(region.nord, event=other_event, title="Autre événement")

    panel = soup_of(client, region.event.url).select_one("[data-event-contributions]")

    assert panel["data-contribution-count"] == "3"
    counts = {li["data-kind"]: li["data-count"] for li in panel.select("[data-kind][data-count]")}
    assert counts == {"revolte": "1", "reve": "2"}
    shown = [li["data-contribution"] for li in panel.select("[data-page-contributions] li")]
    assert sorted(shown) == sorted(str(item.pk) for item in gathered)
    assert "En attente" not in panel.text and "Autre événement" not in panel.text
    link = panel.select_one("[data-filtered-map-link]")
    assert link["href"] == f"{reverse('consultation:map')}?evenement={region.event.pk}"


def test_an_event_without_contribution_says_so(client, region):
    panel = soup_of(client, region.event.url).select_one("[data-event-contributions]")
    assert panel["data-contribution-count"] == "0"
    assert not panel.select("[data-page-contributions]")


def panel_queries(slot, page):
    """The queries of each panel of ``slot`` rendered for ``page`` (a fresh request, nothing
    in the fragment cache: what a rendering costs)."""
    caches[settings.PAGE_CACHE_ALIAS].clear()
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    counts = {}
    for panel in build_panels(slot, page, request):
        with CaptureQueriesContext(connection) as queries:
            panel.render_html({"page": page, "request": request})
        counts[type(panel).__name__] = (len(queries), panel.query_budget)
    return counts


@pytest.mark.parametrize("slot", ["enjeu", "event"])
def test_the_panels_queries_do_not_grow_with_the_contributions(region, slot):
    page = region.enjeu if slot == "enjeu" else region.event
    linked(region.nord, region.enjeu, event=region.event)
    panel_queries(slot, page)  # warm the per-process caches
    few = panel_queries(slot, page)
    for n in range(12):
        linked(region.sud if n % 2 else region.nord, region.enjeu, event=region.event)
    many = panel_queries(slot, page)
    assert few == many
    assert all(count <= budget for count, budget in many.values())


def share_link(soup):
    section = soup.select_one("[data-share-call]")
    assert section is not None
    return section.select_one("[data-share-link]")["href"]


def test_the_home_territory_and_enjeu_pages_call_to_share(client, world, region):
    new = reverse("consultation:new")
    home = soup_of(client, world.home.url)
    assert share_link(home) == new
    # On the home page, right below its introduction.
    assert home.select_one("header.page__header").find_next("section")["data-share-call"] == ""
    assert share_link(soup_of(client, region.nord.url)) == f"{new}?territoire=nord"
    assert share_link(soup_of(client, region.enjeu.url)) == f"{new}?enjeu=mobilite"


def test_the_search_calls_to_share_when_nothing_is_found(client, region):
    soup = soup_of(client, reverse("search:results"), q="zorglubinexistant")
    assert soup.select_one("[data-search-no-result]")
    assert share_link(soup) == reverse("consultation:new")


def test_the_search_does_not_call_to_share_without_a_search(client, region):
    soup = soup_of(client, reverse("search:results"))
    assert not soup.select("[data-share-call]")


@pytest.fixture
def citizen_client(client):
    client.force_login(factories.UserFactory())
    return client


def selected_territory(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    option = soup.select_one("select[name=territory] option[selected]")
    return option["value"] if option else ""


def test_the_form_takes_the_territory_named_by_the_territory_page(citizen_client, region):
    response = citizen_client.get(reverse("consultation:new"), {"territoire": "sud"})
    assert selected_territory(response) == str(region.sud.pk)


@pytest.mark.parametrize(
    "params",
    [
        {"territoire": "inconnu"},
        {"territoire": "nord\x00"},
        {"territoire": "\x00"},
        {"territoire": "n" * 5000},
        {"territoire": "<script>"},
        {"territoire": "nord' OR 1=1 --"},
        {"enjeu": "mobilite"},
        {"enjeu": "inconnu"},
        {"enjeu": "\x00<script>"},
        {"enjeu": "e" * 5000, "territoire": ""},
    ],
)
def test_unknown_or_malformed_initial_values_are_ignored(citizen_client, region, params):
    response = citizen_client.get(reverse("consultation:new"), params)
    assert selected_territory(response) == ""
    assert not re.search(r"<script>", response.content.decode().split("<main", 1)[-1])


def test_a_visitor_is_sent_to_log_in_and_back_with_the_territory(client, region):
    response = client.get(reverse("consultation:new"), {"territoire": "nord"})
    assert response.status_code == 302
    assert "territoire%3Dnord" in response["Location"]
