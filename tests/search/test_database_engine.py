"""What is particular to the database engine (search/engines/database.py): on SQLite the
index holds French stems computed in Python; a search costs three queries whatever the number
of documents (the kinds and maturities with the total, the page, the territories and enjeux),
one when nothing matches, none for a query with no word."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from modelsearch.conf import get_app_config

from search import french
from search.engines.database import DatabaseEngine
from search.models import DocumentPlace, SearchDocument
from tests.search import contract_helpers as h

pytestmark = pytest.mark.django_db

on_sqlite = pytest.mark.sqlite


def entry(document):
    """Wagtail's index entry of a SearchDocument row."""
    index_entries = get_app_config().get_model("IndexEntry").objects
    return index_entries.get(content_type__model="searchdocument", object_id=str(document.pk))


@on_sqlite
def test_sqlite_index_holds_stems_and_a_folded_title():
    document = SearchDocument.objects.create(
        key="test:1",
        kind="page",
        title="L'École des Mobilités",
        text="Des pistes cyclables sûres.",
        tags="vélo écoles",
        url="/a/",
    )
    indexed = entry(document)
    assert indexed.title == "ecol de mobilit"
    assert set(indexed.body.split()) == {"velo", "ecol", "de", "pist", "cyclabl", "sur"}
    assert indexed.autocomplete == "l'ecole des mobilites"


@on_sqlite
def test_sqlite_index_follows_an_edit():
    document = SearchDocument.objects.create(key="test:1", kind="page", title="Vélos", url="/a/")
    document.title = "Écoles"
    document.save()
    assert entry(document).title == french.stems("Écoles") == "ecol"


def test_snowball_keeps_solidaire_and_solidarite_apart():
    """The database engine stems with Snowball on both databases: a plural or a feminine
    finds its word, another word of the same family does not."""
    SearchDocument.objects.create(key="test:1", kind="page", title="Solidarité", url="/a/")
    SearchDocument.objects.create(key="test:2", kind="page", title="Épicerie solidaire", url="/b/")
    engine = DatabaseEngine()
    assert engine.search(h.query("solidaires")).keys == ["test:2"]
    assert engine.search(h.query("solidarités")).keys == ["test:1"]


def test_a_query_without_words_runs_no_sql(django_assert_num_queries):
    with django_assert_num_queries(0):
        results = DatabaseEngine().search(h.query("!!! ..."))
        suggestions = DatabaseEngine().suggest([], 8)
    assert (results.keys, results.total, suggestions) == ([], 0, [])


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


def queries_of_a_search(**filters):
    with CaptureQueriesContext(connection) as captured:
        results = DatabaseEngine().search(h.query("fontaines", **filters))
    return len(captured), results


# The kinds and maturities (and the total), the page, the territories and enjeux: each query a
# full match of the words, the costly part of a search.
SEARCH_QUERIES = 3


@pytest.mark.parametrize("filters", [{}, {"kind": "revolte"}, {"maturity": "idee"}])
def test_facets_cost_one_query_per_group_whatever_the_number_of_documents(
    filters, django_assert_max_num_queries
):
    world = h.places()
    pages = [world.territory, world.other_territory, world.enjeu, world.other_enjeu]
    documents(0, 10, pages)
    with django_assert_max_num_queries(SEARCH_QUERIES) as few:
        results = DatabaseEngine().search(h.query("fontaines", **filters))
    assert sum(results.facets["territory"].values()) == results.total > 0
    documents(10, 300, pages)
    with django_assert_max_num_queries(SEARCH_QUERIES) as many:
        results = DatabaseEngine().search(h.query("fontaines", **filters))
    assert sum(results.facets["territory"].values()) == results.total > 50
    assert sum(results.facets["kind"].values()) == results.total
    assert len(many) == len(few)


def test_a_search_matching_nothing_costs_one_query(django_assert_num_queries):
    world = h.places()
    documents(0, 10, [world.territory, world.other_territory, world.enjeu, world.other_enjeu])
    DatabaseEngine().search(h.query("fontaines"))  # content types cached, as in a live process
    with django_assert_num_queries(1):
        results = DatabaseEngine().search(h.query("cascades"))
    assert (results.keys, results.total, results.facets) == ([], 0, {})


def test_a_page_filter_adds_no_query():
    world = h.places()
    pages = [world.territory, world.other_territory, world.enjeu, world.other_enjeu]
    documents(0, 30, pages)
    unfiltered, _ = queries_of_a_search()
    filtered, results = queries_of_a_search(territory=world.territory.pk, enjeu=world.enjeu.pk)
    assert results.total == 15
    assert filtered == unfiltered
