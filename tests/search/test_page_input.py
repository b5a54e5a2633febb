"""What the visitor types is text: hostile or huge queries get a normal page, never an
error; an empty query gets the form, a short help and the enjeux; a query that finds nothing
gets the French « no result » page and its suggestions."""

import pytest
from django.utils.html import format_html
from wagtail import hooks

from cms_pages.extension_points import PAGE_PANELS
from cms_pages.panels import PagePanel
from tests import factories
from tests.search import page_helpers as h

pytestmark = pytest.mark.django_db


def build_world():
    """The places, built once for the module."""
    return h.places()


@pytest.fixture
def places(world):
    return world


HOSTILE = [
    '"',
    '"vélo',
    "*",
    "vél*",
    "OR 1=1",
    "vélo OR 1=1 --",
    "'); DROP TABLE search_searchdocument; --",
    "velo AND NOT",
    "(((",
    "title:velo",
    "NEAR(velo ecole)",
    "\x00",
    "vélo\x00école",
    "🚲 vélo ☀",
    "東京",
    "\u202eolév",
    "-",
    "^velo$",
    "%",
    "_",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_hostile_query_gets_a_normal_page(client, places, text):
    h.document("Vélo-école", "Le vélo à l'école.")

    response = client.get(h.SEARCH, {"q": text})

    assert response.status_code == 200
    assert h.get(client, q=text).select_one("[data-search-heading]")


def test_the_operators_of_a_hostile_query_are_only_words(client, places):
    row = h.document("Vélo-école", "Le vélo à l'école.")

    assert h.keys(h.get(client, q='"vélo*"')) == [row.key]
    # « OR » is a word to find, not an operator: nothing has « or », « 1 » and « vélo ».
    assert h.total(h.get(client, q="vélo OR 1=1")) == 0


def test_a_very_long_query_is_cut_with_a_notice(client, places, settings):
    settings.SEARCH_QUERY_MAX_LENGTH = 200
    row = h.document("Vélo-école", "Le vélo à l'école.")

    soup = h.get(h.english(client), q="vélo " + "x" * 10_000)

    [notice] = h.notices(soup)
    assert "first 200 characters" in notice
    value = soup.select_one("form.search-box--page input[name=q]")["value"]
    assert value.startswith("vélo x") and len(value) <= 200
    assert soup.select_one("form.search-box--page input[name=q]")["maxlength"] == "200"
    assert h.total(soup) == 0
    assert row.title not in soup.select_one("[data-search-heading]").get_text()


def test_an_empty_query_gets_the_form_a_help_and_the_public_enjeux(client, places):
    hidden = factories.EnjeuPageFactory(parent=places.enjeux_index, title="Enjeu privé")
    h.restrict(hidden)

    for params in ({}, {"q": "   "}, {"type": "revolte"}):
        soup = h.get(client, **params)
        assert soup.select_one("form.search-box--page input[name=q]")
        assert soup.select_one("[data-search-help]")
        assert not soup.select("[data-search-total]")
        enjeux = [link.get_text() for link in soup.select("[data-search-enjeux] a")]
        assert enjeux == ["Éducation", "Mobilité"]


def test_nothing_found_gets_the_no_result_page_with_suggestions(client, places):
    h.document("Vélo-école solidaire", "Apprendre le vélo.")

    soup = h.get(h.english(client), q="solid")

    assert soup.h1.get_text(" ", strip=True) == "No result for “solid”"
    assert soup.title.get_text().startswith("No result for “solid”")
    assert h.total(soup) == 0
    section = soup.select_one("[data-search-no-result]")
    tips = section.select_one("ul").get_text(" ", strip=True)
    assert "spelling" in tips and "fewer words" in tips
    assert not section.select("[data-clear-filters]")
    titles = [link.get_text() for link in section.select("[data-search-suggestions] a")]
    assert titles == ["Vélo-école solidaire"]
    enjeux = [link.get_text() for link in soup.select("[data-search-enjeux] a")]
    assert enjeux == ["Éducation", "Mobilité"]


def test_several_words_that_find_nothing_together_are_offered_one_by_one(client, places):
    h.document("Vélo partagé", "Un atelier de vélo.")
    h.document("Vélo-école", "Apprendre le vélo.")
    h.document("Transport à la demande", "Un bus sur appel.")

    soup = h.get(h.english(client), q="velo zorglub transport")

    assert h.total(soup) == 0
    offered = [
        (link.get_text(), link["href"], link.parent.get_text(" ", strip=True))
        for link in soup.select("[data-search-single-words] a")
    ]
    assert offered == [
        ("“velo” alone", "?q=velo", "“velo” alone (2 results)"),
        ("“transport” alone", "?q=transport", "“transport” alone (1 result)"),
    ]
    assert h.total(h.get(client, h.SEARCH + offered[0][1])) == 2


def test_one_word_that_finds_nothing_is_not_offered_alone(client, places):
    h.document("Vélo partagé")

    soup = h.get(client, q="zorglub")

    assert not soup.select("[data-search-single-words]")


def test_nothing_found_with_filters_offers_to_remove_them(client, places):
    h.document("Vélo partagé", territories=[places.territory])

    soup = h.get(client, q="velo", territoire=places.other_territory.pk)

    assert h.total(soup) == 0
    link = soup.select_one("[data-search-no-result] [data-clear-filters]")
    assert link["href"] == "?q=velo"
    assert h.total(h.get(client, h.SEARCH + link["href"])) == 1


def test_the_french_interface_is_the_default(client, places):
    soup = h.get(client, q="introuvable")

    assert soup.html["lang"] == "fr"
    assert "introuvable" in soup.h1.get_text()


class NoResultPanel(PagePanel):
    """What a plugin offers on the search page when nothing is found."""

    area = "no-result"

    def render_html(self, parent_context=None):
        return format_html('<p data-offered-by-a-plugin="{}">Partagez</p>', self.slot)


def search_slot_panels(slot, page, request):
    return [NoResultPanel(slot, page, request)] if slot == "search" else []


def test_nothing_found_shows_what_plugins_offer_in_the_search_slot(client, places):
    h.document("Vélo partagé")
    with hooks.register_temporarily(PAGE_PANELS, search_slot_panels):
        nothing = h.get(client, q="zorglub")
        found = h.get(client, q="velo")
        empty = h.get(client)

    offered = nothing.select("[data-offered-by-a-plugin]")
    assert [element["data-offered-by-a-plugin"] for element in offered] == ["search"]
    assert h.total(found) == 1
    assert not found.select("[data-offered-by-a-plugin]")
    assert not empty.select("[data-offered-by-a-plugin]")
