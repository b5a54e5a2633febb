"""The search page and the suggestions cost a fixed number of queries, however many
documents match: the same bound at 5 and at 200 documents."""

import pytest

from search.models import SearchDocument
from tests.search import page_helpers as h

pytestmark = pytest.mark.django_db

# The request's transaction (a savepoint and its release in a test), the chosen filter's page,
# the engine (SQLite: the facets with the total, the page, the places; PostgreSQL: one
# statement), the rows, their places, the pages' titles, then the site and its navigation for
# the header.
SEARCH_PAGE_QUERIES = 14
# The request's savepoint and release, the engine's autocomplete, the rows.
SUGGESTIONS_QUERIES = 4


def documents(places, count):
    return [
        h.document(
            f"Vélo numéro {n}",
            f"Le vélo partagé numéro {n} au quotidien.",
            kind="reve" if n % 2 else "revolte",
            territories=[places.territory if n % 3 else places.other_territory],
            enjeux=[places.enjeu, places.other_enjeu][: 1 + n % 2],
        )
        for n in range(count)
    ]


def build_world():
    """The places and the 200 documents, built once for the module."""
    places = h.places()
    return places, documents(places, 200)


@pytest.fixture
def places(world, count):
    """The places with ``count`` documents: the first ``count`` of the module's 200 (the same
    documents ``documents(places, count)`` writes), the others deleted."""
    places, rows = world
    SearchDocument.objects.filter(pk__in=[row.pk for row in rows[count:]]).delete()
    assert SearchDocument.objects.count() == count
    return places


@pytest.mark.parametrize("count", [5, 200])
def test_the_search_page_costs_a_fixed_number_of_queries(
    client, places, count, django_assert_max_num_queries
):

    with django_assert_max_num_queries(SEARCH_PAGE_QUERIES):
        soup = h.get(client, q="velo partage", enjeu=places.enjeu.pk)

    assert h.total(soup) == count
    assert len(h.keys(soup)) == min(count, 20)


@pytest.mark.parametrize("count", [5, 200])
def test_the_no_result_page_costs_a_fixed_number_of_queries(
    client, places, count, django_assert_max_num_queries
):

    with django_assert_max_num_queries(SEARCH_PAGE_QUERIES):
        soup = h.get(client, q="vel")

    assert h.total(soup) == 0
    assert len(soup.select("[data-search-suggestions] a")) == 5


@pytest.mark.parametrize("count", [5, 200])
def test_the_suggestions_cost_a_fixed_number_of_queries(
    client, places, count, django_assert_max_num_queries
):

    with django_assert_max_num_queries(SUGGESTIONS_QUERIES):
        response = client.get(h.SUGGESTIONS, {"q": "velo num"})

    assert len(response.json()["suggestions"]) == min(count, 8)
