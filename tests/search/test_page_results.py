"""The search page with results: ranked cards with highlights, pagination, the heading, the
count, and the notice staff see when Elasticsearch failed."""

import datetime

import pytest
from django.utils import timezone

from tests import factories
from tests.search import page_helpers as h

pytestmark = pytest.mark.django_db


def build_world():
    """The places, built once for the module."""
    return h.places()


@pytest.fixture
def places(world):
    return world


def test_the_cards_keep_the_engines_ranking_and_skip_keys_without_a_row(
    client, places, monkeypatch, settings
):
    first, second, third = (h.document(f"Vélo {n}") for n in range(3))
    h.use_engine(monkeypatch, settings, "tests.search.page_helpers.FixedEngine")
    ranking = [third.key, "consultation.contribution:1", first.key, second.key]
    monkeypatch.setattr(h.FixedEngine, "KEYS", ranking)

    soup = h.get(client, q="velo")

    assert h.keys(soup) == [third.key, first.key, second.key]


def test_a_title_match_ranks_first_across_types(client, places):
    in_text = h.document("Un quartier", "On parle ici de jardin partagé.", kind="reve")
    in_title = h.document("Jardin partagé", "Un lieu de rencontre.")

    assert h.keys(h.get(client, q="jardin"))[:2] == [in_title.key, in_text.key]


def test_a_card_shows_its_type_highlights_places_date_and_link(client, places, monkeypatch):
    date = timezone.make_aware(datetime.datetime(2025, 3, 14, 12, 0))
    row = h.document(
        "Vélo-école pour les mobilités",
        "Apprendre à rouler. " * 30 + "Des mobilités douces pour tous. " + "Fin. " * 60,
        kind="initiative",
        maturity="activite",
        territories=[places.territory],
        enjeux=[places.enjeu, places.other_enjeu],
        date=date,
        url="/initiatives/velo-ecole/",
    )

    soup = h.get(h.english(client), q="mobilites")

    card = soup.select_one(f'[data-search-key="{row.key}"]')
    assert card.select_one(".search-hit__kind").get_text(strip=True) == "Initiative"
    link = card.select_one("h3 a")
    assert link["href"] == "/initiatives/velo-ecole/"
    assert [mark.get_text() for mark in link.select("mark")] == ["mobilités"]
    excerpt = card.select_one(".search-hit__excerpt")
    assert [mark.get_text() for mark in excerpt.select("mark")] == ["mobilités"]
    assert excerpt.get_text().startswith("… ") and excerpt.get_text().endswith(" …")
    assert card.select_one("[data-maturity]").get_text(strip=True).endswith("In activity")
    assert "Grand Belfort" in card.select_one("[data-territories]").get_text()
    enjeux = card.select_one("[data-enjeux]").get_text()
    assert "Mobilité" in enjeux and "Éducation" in enjeux
    assert card.select_one("time")["datetime"].startswith("2025-03-14")


@pytest.mark.parametrize("field", ["title", "text", "tags"])
@pytest.mark.parametrize("attack", h.XSS)
def test_markup_in_a_document_is_shown_as_text(client, places, field, attack):
    values = {"title": "Vélo", "text": "Du vélo.", "tags": "velo"}
    values[field] = f"{values[field]} {attack} vélo"
    h.document(**values)

    html = client.get(h.SEARCH, {"q": "velo"}).content.decode()

    assert h.total(h.get(client, q="velo")) == 1
    for marker in h.XSS_MARKERS:
        assert marker not in html


@pytest.mark.parametrize("attack", h.XSS)
def test_markup_in_the_query_is_shown_as_text(client, places, attack):
    h.document("Vélo alert", "Du vélo, alert, script, onerror.")

    html = client.get(h.SEARCH, {"q": f"velo {attack}"}).content.decode()

    for marker in h.XSS_MARKERS:
        assert marker not in html


def test_results_are_paginated_and_the_links_keep_the_search(client, places, settings):
    settings.SEARCH_RESULTS_PER_PAGE = 20
    for n in range(25):
        h.document(f"Vélo numéro {n}", territories=[places.territory])
    territory = places.territory.pk

    first = h.get(client, q="velo", territoire=territory)
    second = h.get(client, q="velo", territoire=territory, page=2)

    assert h.total(first) == h.total(second) == 25
    assert len(h.keys(first)) == 20 and len(h.keys(second)) == 5
    assert not set(h.keys(first)) & set(h.keys(second))
    assert first.select_one('a[rel="next"]')["href"] == f"?q=velo&territoire={territory}&page=2"
    assert second.select_one('a[rel="prev"]')["href"] == f"?q=velo&territoire={territory}&page=1"
    assert second.select_one(".search-hit-list")["start"] == "21"


@pytest.mark.parametrize("page", ["999", "-3", "abc", "1e3", "²", "9" * 5000])
def test_a_page_number_out_of_range_gives_a_page_of_results(client, places, page, settings):
    settings.SEARCH_RESULTS_PER_PAGE = 2
    for n in range(3):
        h.document(f"Vélo {n}")

    soup = h.get(client, q="velo", page=page)

    assert h.total(soup) == 3
    assert len(h.keys(soup)) in (1, 2)


def test_the_heading_title_and_count_say_what_was_searched(client, places):
    h.document("Vélo partagé")
    h.document("Vélo électrique")

    soup = h.get(h.english(client), q="vélo")

    assert soup.h1.get_text(" ", strip=True) == "Results for “vélo”"
    assert soup.title.get_text().startswith("Results for “vélo”")
    count = soup.select_one("[data-search-total]")
    assert count["role"] == "status"
    assert count.get_text(" ", strip=True) == "2 results"


def test_the_search_form_keeps_the_words_and_the_chosen_filters(client, places):
    h.document("Vélo partagé", territories=[places.territory])

    soup = h.get(client, q="vélo", territoire=places.territory.pk, type="zzz")

    form = soup.select_one("form.search-box--page")
    assert form.select_one("input[name=q]")["value"] == "vélo"
    hidden = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
    assert hidden == {"territoire": str(places.territory.pk)}


def test_staff_are_told_when_the_database_answered_for_elasticsearch(
    client, places, monkeypatch, settings
):
    h.document("Vélo partagé")
    h.use_engine(monkeypatch, settings, "tests.search.page_helpers.FallbackEngine")

    assert not h.get(client, q="velo").select("[data-search-fallback]")
    client.force_login(factories.UserFactory())
    assert not h.get(client, q="velo").select("[data-search-fallback]")
    client.force_login(factories.UserFactory(is_staff=True))
    soup = h.get(client, q="velo")
    assert soup.select("[data-search-fallback]")
    assert h.total(soup) == 1


def test_staff_see_no_notice_when_the_configured_engine_answered(client, places):
    h.document("Vélo partagé")
    client.force_login(factories.UserFactory(is_staff=True))

    assert not h.get(client, q="velo").select("[data-search-fallback]")
