"""The suggestions of the « Inspirée des révoltes et rêves » picker: published contributions
only, matched without regard to case or accents, escaped, and no 500 on junk."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    ContributionFactory,
    TerritoryIndexPageFactory,
    TerritoryPageFactory,
    UserFactory,
    site_with_home_page,
)
from tests.initiatives import core_helpers

pytestmark = pytest.mark.django_db

URL = "/initiatives/api/contributions-suggestions/"


@pytest.fixture
def territory():
    home = site_with_home_page()
    return TerritoryPageFactory(parent=TerritoryIndexPageFactory(parent=home), title="Nord Franche")


def results(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()["results"]


def test_url_is_named():
    assert reverse("initiatives:contributions-suggestions") == URL


def test_only_published_contributions_are_suggested(client, territory):
    shown = ContributionFactory(territory=territory, kind="reve", title="Un jardin partagé")
    for status in ("pending", "hidden", "rejected"):
        ContributionFactory(territory=territory, title=f"Un jardin {status}", status=status)
    found = results(client, q="jardin")
    assert found == [
        {"id": shown.pk, "label": "Rêve · Un jardin partagé", "territory": "Nord Franche"}
    ]


def test_hidden_ones_are_not_given_by_number_either(client, territory):
    shown = ContributionFactory(territory=territory, title="Visible")
    hidden = ContributionFactory(territory=territory, title="Caché", status="hidden")
    pending = ContributionFactory(territory=territory, title="Attente", status="pending")
    assert [r["id"] for r in results(client, q=str(hidden.pk))] == []
    found = results(client, ids=f"{hidden.pk},{shown.pk}, {pending.pk}")
    assert [r["id"] for r in found] == [shown.pk]


def test_search_ignores_case_and_accents(client, territory):
    dream = ContributionFactory(territory=territory, title="Rêver d'écoles ouvertes")
    in_text = ContributionFactory(territory=territory, title="Autre", text="Une ÉCOLE du soir")
    ContributionFactory(territory=territory, title="Rien à voir", text="Des bus")
    assert {r["id"] for r in results(client, q="ecole")} == {dream.pk, in_text.pk}
    assert [r["id"] for r in results(client, q="REVER")] == [dream.pk]
    assert [r["id"] for r in results(client, q="rêver d’écoles")] == [dream.pk]


def test_at_most_ten_in_one_query(client, territory):
    ContributionFactory.create_batch(12, territory=territory, title="Vélo pour tous")
    with CaptureQueriesContext(connection) as queries:
        found = results(client, q="velo")
    assert len(found) == 10
    assert len(queries) <= 3


def test_titles_are_escaped_in_the_json(client, territory):
    ContributionFactory(territory=territory, title="<script>alert(1)</script> & co")
    response = client.get(URL, {"q": "script"})
    body = response.content.decode()
    assert "<script>" not in body and "&" not in body
    assert response.json()["results"][0]["label"].endswith("<script>alert(1)</script> & co")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "query",
    ["", "a", "\x00\x00", "ab\x00cd", "%", "_", ".*", "(((", "[", "\\", "'; DROP", "é" * 5000],
)
def test_junk_is_answered_without_error(client, territory, query):
    ContributionFactory(territory=territory, title="Quelque chose")
    assert isinstance(results(client, q=query), list)


@pytest.mark.parametrize("ids", ["", "abc", "\x00", "1" * 40, ",".join(["1"] * 500), "-3"])
def test_junk_ids_are_answered_without_error(client, territory, ids):
    assert results(client, ids=ids) == []


def test_only_get(client, territory):
    assert client.post(URL, {"q": "abc"}).status_code == 405


def test_form_keeps_a_plain_text_field_for_visitors_without_javascript():
    core_helpers.tree()
    response = core_helpers.client_for(UserFactory()).get("/initiatives/nouvelle/")
    html = response.content.decode()
    assert re.search(r'<input type="text" name="inspired_by"[^>]*data-chip-picker-input', html)
    assert f'data-chip-picker-url="{URL}"' in html
    assert "initiatives/chip-picker.js" in html
