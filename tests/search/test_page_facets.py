"""Facets of the search page: counts over every match, links that filter (keeping the words,
back to page 1), the chosen filters and their removal, and only public pages named."""

import pytest

from tests.search import page_helpers as h

pytestmark = pytest.mark.django_db


def build_world():
    """Five documents about « vélo » across types, territories, enjeux and maturities, and one
    that does not match."""
    places = h.places()
    territory, other = places.territory, places.other_territory
    enjeu, other_enjeu = places.enjeu, places.other_enjeu
    h.document("Vélo 1", territories=[territory], enjeux=[enjeu])
    h.document("Vélo 2", territories=[territory], enjeux=[enjeu, other_enjeu])
    h.document("Vélo 3", kind="reve", territories=[other], enjeux=[enjeu])
    h.document("Vélo 4", kind="initiative", maturity="idee", territories=[territory])
    h.document("Vélo 5", kind="initiative", maturity="activite", territories=[other])
    h.document("Jardin", territories=[territory], enjeux=[enjeu])
    return places


def test_each_facet_counts_every_match(client, world):
    soup = h.get(client, q="velo", page=2)

    assert h.facet(soup, "kind") == {"revolte": 2, "reve": 1, "initiative": 2}
    assert h.facet(soup, "territory") == {
        str(world.territory.pk): 3,
        str(world.other_territory.pk): 2,
    }
    assert h.facet(soup, "enjeu") == {str(world.enjeu.pk): 3, str(world.other_enjeu.pk): 1}
    assert h.facet(soup, "maturity") == {"idee": 1, "activite": 1}


def test_the_options_are_named_and_the_most_frequent_come_first(client, world):
    soup = h.get(h.english(client), q="velo")

    labels = [
        option.find(string=True).strip()
        for option in soup.select('[data-facet="territory"] [data-facet-value]')
    ]
    assert labels == ["Grand Belfort", "Sud Territoire"]
    maturities = [
        option.find(string=True).strip()
        for option in soup.select('[data-facet="maturity"] [data-facet-value]')
    ]
    assert sorted(maturities) == ["Idea", "In activity"]


@pytest.mark.parametrize(
    ("facet", "parameter", "value", "expected"),
    [
        ("kind", "type", lambda world: "reve", {"Vélo 3"}),
        ("territory", "territoire", lambda world: world.other_territory.pk, {"Vélo 3", "Vélo 5"}),
        ("enjeu", "enjeu", lambda world: world.other_enjeu.pk, {"Vélo 2"}),
        ("maturity", "maturite", lambda world: "idee", {"Vélo 4"}),
    ],
)
def test_a_facet_link_filters_keeps_the_words_and_drops_the_page(
    client, world, facet, parameter, value, expected
):
    chosen = value(world)
    href = h.facet_link(h.get(client, q="velo", page=2), facet, chosen)
    assert href == f"?q=velo&{parameter}={chosen}"

    soup = h.get(client, h.SEARCH + href)

    titles = {card.select_one("h3").get_text() for card in soup.select("[data-search-key]")}
    assert titles == expected
    assert h.total(soup) == len(expected)
    assert not h.notices(soup)
    chosen_option = soup.select_one(f'[data-facet="{facet}"] [data-facet-value="{chosen}"]')
    assert chosen_option["aria-current"] == "true"
    assert chosen_option["href"] == "?q=velo"
    assert [link["href"] for link in soup.select("[data-remove-filter]")] == ["?q=velo"]


def test_filters_combine_and_each_one_can_be_removed(client, world):
    territory = world.territory.pk
    soup = h.get(client, q="velo", territoire=territory, enjeu=world.enjeu.pk)

    assert h.total(soup) == 2
    removals = {link["href"] for link in soup.select("[data-remove-filter]")}
    assert removals == {f"?q=velo&enjeu={world.enjeu.pk}", f"?q=velo&territoire={territory}"}
    assert soup.select_one("[data-clear-filters]")["href"] == "?q=velo"


def test_a_facet_page_that_is_not_public_is_never_named(client, world):
    h.restrict(world.other_territory)
    world.other_enjeu.unpublish()

    soup = h.get(client, q="velo")

    assert h.total(soup) == 5
    assert set(h.facet(soup, "territory")) == {str(world.territory.pk)}
    assert set(h.facet(soup, "enjeu")) == {str(world.enjeu.pk)}
    html = str(soup.select_one("main"))
    assert "Sud Territoire" not in html and "Éducation" not in html


@pytest.mark.parametrize(
    "params",
    [
        {"type": "zzz"},
        {"type": "<script>alert(1)</script>"},
        {"maturite": "parfaite"},
        {"territoire": "abc"},
        {"territoire": "99999999"},
        {"territoire": "9" * 400},
        {"enjeu": "-1"},
        {"enjeu": "1\x00"},
    ],
)
def test_an_unknown_filter_is_dropped_with_a_notice(client, world, params):
    soup = h.get(h.english(client), q="velo", **params)

    assert h.total(soup) == 5
    [notice] = h.notices(soup)
    assert "filter was ignored" in notice
    assert not soup.select("[data-search-chosen]")
    assert "<script>alert" not in str(soup)


def test_a_filter_on_a_page_that_is_not_public_is_dropped(client, world):
    h.restrict(world.other_territory)
    world.other_enjeu.unpublish()

    soup = h.get(client, q="velo", territoire=world.other_territory.pk, enjeu=world.other_enjeu.pk)

    assert h.total(soup) == 5
    assert len(h.notices(soup)) == 2
