"""What a search costs on the database engine (search/engines/database.py): at most three
queries whatever the number of documents (on SQLite the kinds and maturities with the total,
the page, the territories and enjeux; on PostgreSQL one statement), one when nothing
matches."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from search.engines.database import DatabaseEngine
from search.models import DocumentPlace, SearchDocument
from tests.search import contract_helpers as h

pytestmark = pytest.mark.django_db


def documents(start, stop, pages):
    """Documents ``start``…``stop - 1`` about « fontaines », each with a territory and an enjeu
    (alternating between the two of each), half of them with a maturity."""
    for n in range(start, stop):
        row = SearchDocument.objects.create(
            key=f"test:{n}",
            kind=("initiative", "revolte", "reve")[n % 3],
            title=f"Fontaine n° {n}",
            text="Remettre l'eau dans les fontaines du village.",
            url=f"/f/{n}/",
            maturity=("idee", "")[n % 2],
        )
        DocumentPlace.objects.bulk_create(
            [
                DocumentPlace(document=row, relation="territory", page=pages[n % 2]),
                DocumentPlace(document=row, relation="enjeu", page=pages[2 + n % 2]),
            ]
        )


def build_world():
    """The places and documents 0…299, built once for the module; each test keeps the first
    ones it needs (``keep``)."""
    world = h.places()
    documents(0, 300, [world.territory, world.other_territory, world.enjeu, world.other_enjeu])
    return world


def keep(count):
    """Leave documents 0…``count - 1``: the rows ``documents(0, count, pages)`` writes."""
    SearchDocument.objects.exclude(key__in=[f"test:{n}" for n in range(count)]).delete()
    assert SearchDocument.objects.count() == count


def queries_of_a_search(**filters):
    with CaptureQueriesContext(connection) as captured:
        results = DatabaseEngine().search(h.query("fontaines", **filters))
    return len(captured), results


# The kinds and maturities (and the total), the page, the territories and enjeux: each query a
# full match of the words, the costly part of a search.
SEARCH_QUERIES = 3


@pytest.mark.parametrize("filters", [{}, {"kind": "revolte"}, {"maturity": "idee"}])
def test_facets_cost_one_query_per_group_whatever_the_number_of_documents(
    world, filters, django_assert_max_num_queries
):
    # Documents 0…9 first (the later ones deleted in a savepoint), then all 300 of them.
    with transaction.atomic():
        keep(10)
        with django_assert_max_num_queries(SEARCH_QUERIES) as few:
            results = DatabaseEngine().search(h.query("fontaines", **filters))
        assert sum(results.facets["territory"].values()) == results.total > 0
        transaction.set_rollback(True)
    assert SearchDocument.objects.count() == 300
    with django_assert_max_num_queries(SEARCH_QUERIES) as many:
        results = DatabaseEngine().search(h.query("fontaines", **filters))
    assert sum(results.facets["territory"].values()) == results.total > 50
    assert sum(results.facets["kind"].values()) == results.total
    assert len(many) == len(few)


def test_a_search_matching_nothing_costs_one_query(world, django_assert_num_queries):
    keep(10)
    DatabaseEngine().search(h.query("fontaines"))  # content types cached, as in a live process
    with django_assert_num_queries(1):
        results = DatabaseEngine().search(h.query("cascades"))
    assert (results.keys, results.total, results.facets) == ([], 0, {})


def test_a_page_filter_adds_no_query(world):
    keep(30)
    unfiltered, _ = queries_of_a_search()
    filtered, results = queries_of_a_search(territory=world.territory.pk, enjeu=world.enjeu.pk)
    assert results.total == 15
    assert filtered == unfiltered
