"""The Elasticsearch index definition (analysis and mapping) and the documents sent to it,
checked without a server: against the expected JSON, and by running the declared analysis chain
with the same Snowball French stemmer (the real analysis is checked by make test-es)."""

import datetime
import json
import re
from pathlib import Path

import pytest
import snowballstemmer
from django.utils import timezone

from search import french
from search.elasticsearch_index import concrete_name, definition, document_body
from tests import factories
from tests.search.fake_elasticsearch import saved_row

DATA = Path(__file__).parent / "data"
_stemmer = snowballstemmer.stemmer("french")


def expected(name):
    return json.loads((DATA / name).read_text())


def analysis():
    return definition("aac-test-1").to_dict()["settings"]["analysis"]


def _elide(tokens, spec):
    articles = "|".join(spec["articles"])
    elided = re.compile(rf"^(?:{articles})['’]", re.IGNORECASE if spec["articles_case"] else 0)
    return [elided.sub("", token) for token in tokens]


def _prefixes(tokens, spec):
    low, high = spec["min_gram"], spec["max_gram"]
    out = []
    for token in tokens:
        out += [token[:n] for n in range(low, min(high, len(token)) + 1)]
        if spec["preserve_original"] and len(token) > high:
            out.append(token)
    return out


# The token filters the definition uses, as Lucene applies them (the stop words, a list
# Lucene holds, are left out: they only drop words).
FILTERS = {
    "elision": _elide,
    "lowercase": lambda tokens, spec: [token.lower() for token in tokens],
    "asciifolding": lambda tokens, spec: [french.fold(token) for token in tokens],
    "stop": lambda tokens, spec: tokens,
    "stemmer": lambda tokens, spec: [_stemmer.stemWord(token) for token in tokens],
    "edge_ngram": _prefixes,
}


def analyse(text, analyzer="french_folded", filters=None):
    """``text`` through the declared chain of ``analyzer`` (or the filters ``filters``)."""
    definitions = analysis()
    assert definitions["analyzer"][analyzer]["tokenizer"] == "standard"
    tokens = re.findall(r"\w+(?:['’]\w+)*", text)  # the standard tokenizer keeps « l'école »
    for name in filters or definitions["analyzer"][analyzer]["filter"]:
        spec = definitions["filter"].get(name, {"type": name})
        tokens = FILTERS[spec["type"]](tokens, spec)
    return tokens


def test_index_definition_is_the_expected_json():
    assert definition("aac-test-20250101000000000000").to_dict() == expected(
        "elasticsearch_index.json"
    )


def test_french_analysis_folds_before_stemming():
    chain = analysis()["analyzer"]["french_folded"]["filter"]
    assert chain == ["french_elision", "lowercase", "asciifolding", "french_stop", "french_stemmer"]
    assert analysis()["filter"]["french_stemmer"] == {"type": "stemmer", "language": "french"}


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("ecole", "école"),
        ("ECOLES", "l'École"),
        ("mobilites", "Mobilité"),
        ("mobilité", "MOBILITÉS"),
        ("oeuvre", "Œuvre"),
        ("ecole", "jusqu’à l’école"),
    ],
)
def test_french_analysis_lets_folded_and_accented_words_meet(typed, stored):
    assert analyse(typed)[-1] in analyse(stored)


def test_stemming_before_folding_would_miss_words():
    """Why the order matters: the stemmer reads accents."""
    wrong_order = ["french_elision", "lowercase", "french_stemmer", "asciifolding"]
    assert analyse("mobilites", filters=wrong_order) != analyse("Mobilité", filters=wrong_order)


def test_autocomplete_indexes_folded_prefixes_and_searches_the_typed_words():
    indexed = analyse("L'École des Mobilités", "autocomplete")
    assert {"ec", "eco", "ecole", "mo", "mobil", "mobilites"} <= set(indexed)
    assert "l'" not in "".join(indexed)
    assert analyse("Écol mobi", "autocomplete_search") == ["ecol", "mobi"]
    assert set(analyse("Écol mobi", "autocomplete_search")) <= set(indexed)
    title = analysis()["filter"]["title_prefixes"]
    assert (title["min_gram"], title["max_gram"]) == (2, 20)
    long_word = "anticonstitutionnellement"
    assert long_word in analyse(long_word, "autocomplete")


def test_mapping_has_facets_as_keywords_and_integers_and_a_geo_point():
    properties = definition("x").to_dict()["mappings"]["properties"]
    assert properties["title"]["fields"]["autocomplete"] == {
        "type": "text",
        "analyzer": "autocomplete",
        "search_analyzer": "autocomplete_search",
    }
    assert {name: properties[name]["type"] for name in ("kind", "maturity", "key")} == {
        "kind": "keyword",
        "maturity": "keyword",
        "key": "keyword",
    }
    assert properties["territories"]["type"] == properties["enjeux"]["type"] == "integer"
    assert properties["location"]["type"] == "geo_point"
    assert properties["url"] == {"type": "keyword", "index": False}


def test_concrete_index_name_is_the_alias_and_a_timestamp():
    assert re.fullmatch(r"aac-documents-\d{20}", concrete_name("aac-documents"))


@pytest.mark.django_db
def test_document_body_carries_places_point_and_date():
    home = factories.site_with_home_page()
    territory = factories.TerritoryPageFactory(parent=home)
    enjeux = [factories.EnjeuPageFactory(parent=home) for _ in range(2)]
    date = timezone.make_aware(datetime.datetime(2025, 3, 1, 10, 30), datetime.UTC)
    row = saved_row(
        "initiatives.initiativepage:7",
        "Une école",
        text="Du texte",
        tags="ecole quartier",
        maturity="idee",
        date=date,
        latitude=47.64,
        longitude=6.86,
        territories=[territory],
        enjeux=enjeux,
    )
    assert document_body(row) == {
        "key": "initiatives.initiativepage:7",
        "kind": "initiative",
        "title": "Une école",
        "text": "Du texte",
        "tags": "ecole quartier",
        "places_names": "",
        "url": "/initiatives.initiativepage:7/",
        "maturity": "idee",
        "territories": [territory.pk],
        "enjeux": sorted(enjeu.pk for enjeu in enjeux),
        "date": "2025-03-01T10:30:00+00:00",
        "location": {"lat": 47.64, "lon": 6.86},
    }


@pytest.mark.django_db
def test_document_body_leaves_out_an_empty_maturity_and_a_missing_point():
    body = document_body(saved_row("forums.thread:1", "Un fil", kind="thread"))
    assert body["maturity"] is None
    assert body["location"] is None
    assert body["date"] is None
    assert body["territories"] == body["enjeux"] == []
