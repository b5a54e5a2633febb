"""The search box's suggestions: titles that start like what was typed, as JSON, at most
eight, nothing under two characters, escaped, and never an error."""

import pytest

from tests.search import page_helpers as h

pytestmark = pytest.mark.django_db


def suggestions(client, text):
    response = client.get(h.SUGGESTIONS, {"q": text})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()["suggestions"]


def test_a_suggestion_has_a_title_a_url_and_a_type(client):
    h.document("Vélo-école solidaire", url="/contributions/7/")

    assert suggestions(client, "velo ec") == [
        {
            "title": "Vélo-école solidaire",
            "url": "/contributions/7/",
            "type": "revolte",
            "type_label": "Révolte",
        }
    ]


def test_at_most_eight_suggestions_come_back(client):
    for n in range(12):
        h.document(f"Coopérative numéro {n}")

    assert len(suggestions(client, "coop")) == 8


@pytest.mark.parametrize("text", ["", " ", "c", " v ", "\x00"])
def test_under_two_characters_nothing_is_suggested(client, text):
    h.document("Coopérative solaire")

    assert suggestions(client, text) == []


def test_the_engines_order_is_kept_and_keys_without_a_row_skipped(client, monkeypatch, settings):
    first, second = h.document("Vélo 1"), h.document("Vélo 2")
    h.use_engine(monkeypatch, settings, "tests.search.page_helpers.FixedEngine")
    monkeypatch.setattr(
        h.FixedEngine, "KEYS", [second.key, "consultation.contribution:1", first.key]
    )

    assert [found["title"] for found in suggestions(client, "velo")] == ["Vélo 2", "Vélo 1"]


@pytest.mark.parametrize("attack", h.XSS)
def test_markup_in_a_title_is_escaped_in_the_json(client, attack):
    h.document(f"Vélo {attack}")

    response = client.get(h.SUGGESTIONS, {"q": "vel"})

    body = response.content.decode()
    assert "<" not in body and ">" not in body
    assert response.json()["suggestions"][0]["title"] == f"Vélo {attack}"


@pytest.mark.parametrize(
    "text", ['"', "*", "OR 1=1", "'); DROP TABLE x; --", "vé\x00lo", "🚲🚲", "x" * 10_000]
)
def test_a_hostile_query_gets_a_list(client, text):
    h.document("Vélo-école")

    assert isinstance(suggestions(client, text), list)


def test_only_get_is_answered(client):
    assert client.post(h.SUGGESTIONS, {"q": "velo"}).status_code == 405
    assert client.post(h.SEARCH, {"q": "velo"}).status_code == 405
