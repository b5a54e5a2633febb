"""What is particular to the database engine (search/engines/database.py): on SQLite the
index holds French stems computed in Python; a query with no word costs no query (what a search
costs with documents: test_database_engine_queries.py)."""

import pytest
from django.core.management import call_command
from django.db import connection
from modelsearch.conf import get_app_config

from search import french
from search.engines.database import DatabaseEngine
from search.models import SearchDocument
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


@on_sqlite
def test_sqlite_has_no_vector_columns():
    """search/migrations/0005 is PostgreSQL's alone: SQLite keeps the table as the model
    declares it (its index is Wagtail's FTS5 table)."""
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, "search_searchdocument")
    names = {column.name for column in columns}
    assert {"title", "text", "places_names"} <= names
    assert not names & {"search_vector", "title_vector"}


def test_the_migrations_match_the_models():
    """The vector columns are no fields: ``makemigrations`` has nothing to write, on either
    database."""
    call_command("makemigrations", "search", "--check", "--dry-run", verbosity=0)
