"""PostgreSQL's ``aac_french`` text search configuration (search/migrations/0002): it exists
after the migrations, folds accents then stems in French, and the database engine's searches
use it (how they use the documents' vectors: test_postgres_engine.py). The stock ``french``
configuration would not fold: « ecole » would miss « école »."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend

from search import french
from search.engines.database import DatabaseEngine
from search.models import SearchDocument
from tests.search import contract_helpers as h

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def sql(statement, *params):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchone()[0]


def test_the_configuration_and_unaccent_exist_after_migrations():
    assert sql("SELECT count(*) FROM pg_ts_config WHERE cfgname = 'aac_french'") == 1
    assert sql("SELECT count(*) FROM pg_extension WHERE extname = 'unaccent'") == 1


@pytest.mark.parametrize(
    ("text", "vector"),
    [
        ("L'École des Mobilités", "'ecol':2 'mobilit':4"),
        ("ÉCOLES", "'ecol':1"),
        ("citoyennes solidaires", "'citoyen':1 'solidair':2"),
        ("Œuvre du cœur", "'coeur':3 'oeuvr':1"),
    ],
)
def test_the_configuration_folds_then_stems(text, vector):
    assert sql("SELECT to_tsvector('aac_french', %s)::text", text) == vector


@pytest.mark.parametrize(("typed", "text"), [("ecole", "École"), ("mobilites", "la Mobilité")])
def test_folded_queries_match_accented_text(typed, text):
    matches = "SELECT to_tsvector({0}, %s) @@ plainto_tsquery({0}, %s)"
    assert sql(matches.format("'aac_french'"), text, typed) is True
    # What the configuration is for: the stock one keeps the accents.
    assert sql(matches.format("'french'"), text, typed) is False


def test_the_stems_agree_with_the_python_ones():
    """The highlighter marks words with search.french's stems: they must be PostgreSQL's."""
    text = "Les écoles, la mobilité, des citoyennes solidaires et d'œuvres vertes"
    vector = sql("SELECT to_tsvector('aac_french', %s)::text", text)
    lexemes = {part.split(":")[0].strip("'") for part in vector.split()}
    assert lexemes <= set(french.stems(text).split())


def test_the_searches_use_the_configuration():
    """Wagtail's own (the admin's page search) and the database engine's."""
    assert get_search_backend().config == "aac_french"
    SearchDocument.objects.create(key="test:1", kind="page", title="École", url="/ecole/")
    with CaptureQueriesContext(connection) as queries:
        results = DatabaseEngine().search(h.query("ecole"))
    assert results.keys == ["test:1"]
    assert all("'aac_french'" in q["sql"] for q in queries if "to_tsquery" in q["sql"])
    assert any("to_tsquery" in q["sql"] for q in queries)


def test_the_database_engine_folds_and_stems_on_postgresql():
    SearchDocument.objects.create(
        key="test:1", kind="page", title="Mobilité", text="Des écoles ouvertes.", url="/a/"
    )
    engine = DatabaseEngine()
    for typed in ("mobilites", "MOBILITE", "l'ecole", "écoles"):
        assert engine.search(h.query(typed)).keys == ["test:1"], typed
    assert engine.suggest(["mob"], 5) == ["test:1"]
