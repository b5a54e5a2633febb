"""What the Elasticsearch engine asks and how it reads the answers, against the recording fake:
the visitor's words only ever in a ``multi_match``, facets as term filters and aggregations."""

import json
from pathlib import Path

import pytest

from search import french
from search.engines.base import Query
from search.engines.elasticsearch import (
    MAX_RESULT_WINDOW,
    ElasticsearchEngine,
    search_body,
    suggest_body,
)
from tests.search.fake_elasticsearch import ALIAS, install, search_response

DATA = Path(__file__).parent / "data"
HOSTILE = [
    '"école" OR 1=1',
    "ecole*",
    "title:école AND _exists_:text",
    "(mobilité) || !école ~2 ^5 \\ / {} []",
    "<script>alert(1)</script>",
    "école " * 2000,
    "x" * 10_000,
]


@pytest.fixture
def fake(monkeypatch, settings):
    fake = install(monkeypatch, settings)
    fake.alias(ALIAS, f"{ALIAS}-1")
    return fake


def query(text, **filters):
    return Query(words=tuple(french.query_words(text, 200)), **filters)


def expected(name):
    return json.loads((DATA / name).read_text())


def test_search_body_is_the_expected_json():
    chosen = query("école mobilité", kind="revolte", territory=12, enjeu=34, maturity="idee")
    assert search_body(Query(**{**chosen.__dict__, "page": 3})) == expected(
        "elasticsearch_search.json"
    )


def test_suggest_body_is_the_expected_json():
    assert suggest_body(["ecole", "mob"], 8) == expected("elasticsearch_suggest.json")


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_is_only_ever_words_in_a_multi_match(fake, text):
    chosen = query(text)
    ElasticsearchEngine().search(chosen)
    ElasticsearchEngine().suggest(chosen.words, 8)
    search, suggest = (call["body"] for call in fake.made("search"))
    sent = json.dumps([search, suggest])
    assert "query_string" not in sent
    assert "simple_query_string" not in sent
    assert search["query"]["bool"]["must"] == [
        {
            "multi_match": {
                "query": chosen.text,
                "fields": ["title^5", "tags^2", "places_names^2", "text"],
                "type": "cross_fields",
                "operator": "and",
            }
        }
    ]
    assert len(chosen.words) <= french.MAX_QUERY_WORDS
    assert suggest["query"] == {
        "match": {"title.autocomplete": {"query": chosen.text, "operator": "and"}}
    }


@pytest.mark.parametrize(
    ("facet", "value", "field"),
    [
        ("kind", "reve", "kind"),
        ("maturity", "lancement", "maturity"),
        ("territory", 5, "territories"),
        ("enjeu", 9, "enjeux"),
    ],
)
def test_a_chosen_facet_is_a_term_filter(facet, value, field):
    body = search_body(query("école", **{facet: value}))
    assert body["query"]["bool"]["filter"] == [{"term": {field: value}}]


def test_without_facets_there_is_no_filter_and_every_facet_is_counted():
    body = search_body(query("école"))
    assert "filter" not in body["query"]["bool"]
    assert body["aggs"].keys() == {"kind", "maturity", "territory", "enjeu"}
    assert body["track_total_hits"] is True
    assert body["sort"][0] == "_score"


def test_the_asked_page_is_from_and_size():
    body = search_body(query("école", page=4, per_page=10))
    assert (body["from"], body["size"]) == (30, 10)


def test_a_page_past_the_result_window_asks_only_for_total_and_facets():
    body = search_body(query("école", page=MAX_RESULT_WINDOW // 20 + 1, per_page=20))
    assert body.get("from", 0) == 0
    assert body["size"] == 0
    assert "aggs" in body


def test_results_are_read_from_hits_and_aggregations(fake):
    buckets = {
        "kind": [{"key": "revolte", "doc_count": 2}, {"key": "reve", "doc_count": 1}],
        "maturity": [],
        "territory": [{"key": 12, "doc_count": 3}],
        "enjeu": [{"key": 34, "doc_count": 2}, {"key": 35, "doc_count": 1}],
    }
    fake.response = search_response(
        ["a:1", "b:2"],
        total=3,
        aggregations={name: {"buckets": value} for name, value in buckets.items()},
    )
    results = ElasticsearchEngine().search(query("école", per_page=2))
    assert results.keys == ["a:1", "b:2"]
    assert results.total == 3
    assert results.facets == {
        "kind": {"revolte": 2, "reve": 1},
        "maturity": {},
        "territory": {12: 3},
        "enjeu": {34: 2, 35: 1},
    }
    assert (results.engine, results.fell_back) == ("elasticsearch", False)
    (call,) = fake.made("search")
    assert call["index"] == ALIAS


def test_no_match_has_no_facets(fake):
    results = ElasticsearchEngine().search(query("introuvable"))
    assert (results.keys, results.total, results.facets) == ([], 0, {})


def test_no_words_asks_nothing(fake):
    assert ElasticsearchEngine().search(query("!!! ' *")).total == 0
    assert ElasticsearchEngine().suggest([], 8) == []
    assert fake.made("search") == []


def test_suggest_returns_the_keys_best_first(fake):
    fake.response = search_response(["c:3", "a:1"])
    assert ElasticsearchEngine().suggest(["eco"], 5) == ["c:3", "a:1"]
    (call,) = fake.made("search")
    assert call["body"]["size"] == 5
