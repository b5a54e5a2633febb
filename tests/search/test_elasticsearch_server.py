"""The Elasticsearch engine against a real server (``make test-es`` with ELASTICSEARCH_URL set;
deselected otherwise): what the fake cannot tell — how the server analyses French, whether it
takes the index definition, the alias swap, ``require_alias``. Each test has its own alias."""

import uuid

import pytest

from search.engines.base import Query
from search.engines.elasticsearch import ElasticsearchEngine
from search.models import PendingIndexUpdate, SearchDocument
from search.sync import with_places
from tests import factories
from tests.search.fake_elasticsearch import saved_row

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]


@pytest.fixture
def server(settings):
    settings.SEARCH_ENGINE = "elasticsearch"
    settings.SEARCH_ELASTICSEARCH_INDEX = f"aac-test-{uuid.uuid4().hex[:12]}"
    settings.SEARCH_ELASTICSEARCH_REFRESH = True
    engine = ElasticsearchEngine()
    yield engine
    engine.drop_index()


def rebuild(engine):
    documents = with_places(SearchDocument.objects.all())
    engine.rebuild(documents, documents.count(), lambda done: None)


def tokens(engine, analyzer, text):
    response = engine.client.indices.analyze(index=engine.alias, analyzer=analyzer, text=text)
    return [token["token"] for token in response["tokens"]]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("ecole", "l'École"), ("ecoles", "école"), ("mobilites", "Mobilité"), ("oeuvre", "Œuvre")],
)
def test_the_server_folds_then_stems_french(server, typed, stored):
    rebuild(server)
    assert tokens(server, "french_folded", typed) == tokens(server, "french_folded", stored)


def test_the_server_indexes_title_prefixes(server):
    rebuild(server)
    indexed = tokens(server, "autocomplete", "L'École des mobilités")
    assert {"ec", "eco", "ecole", "mob", "mobilites"} <= set(indexed)
    assert tokens(server, "autocomplete_search", "Écol") == ["ecol"]


def test_write_search_and_suggest(server):
    home = factories.site_with_home_page()
    territory = factories.TerritoryPageFactory(parent=home)
    rebuild(server)
    saved_row("initiatives.initiativepage:1", "École des mobilités", territories=[territory])
    saved_row("initiatives.initiativepage:2", "Jardin partagé", text="près de l'école")
    server.write(with_places(SearchDocument.objects.all()))
    results = server.search(Query(words=("ecoles",)))
    assert results.keys == ["initiatives.initiativepage:1", "initiatives.initiativepage:2"]
    assert results.facets["territory"] == {territory.pk: 1}
    assert results.fell_back is False
    assert server.suggest(["ecole", "mob"], 8) == ["initiatives.initiativepage:1"]
    server.remove(["initiatives.initiativepage:1"])
    assert server.search(Query(words=("mobilite",))).total == 0
    assert not PendingIndexUpdate.objects.exists()


def test_a_rebuild_swaps_the_alias_and_deletes_the_previous_index(server):
    saved_row("forums.thread:1", "Un fil")
    rebuild(server)
    (first,) = server.concrete_indices()
    rebuild(server)
    (second,) = server.concrete_indices()
    assert second != first
    assert not server.client.indices.exists(index=first)
    assert server.search(Query(words=("fil",))).keys == ["forums.thread:1"]


def test_a_write_before_any_rebuild_creates_no_index_and_waits(server):
    server.write([saved_row("forums.thread:1", "Un fil")])
    assert not server.client.indices.exists(index=server.alias)
    assert PendingIndexUpdate.objects.filter(key="forums.thread:1").exists()
    rebuild(server)
    assert server.search(Query(words=("fil",))).keys == ["forums.thread:1"]


def test_an_index_bearing_the_alias_name_is_replaced(server):
    server.client.indices.create(index=server.alias)
    saved_row("forums.thread:1", "Un fil")
    rebuild(server)
    (concrete,) = server.concrete_indices()
    assert concrete != server.alias
    assert server.client.indices.exists_alias(name=server.alias)
