"""The database engine on PostgreSQL (search/engines/postgresql.py): the documents' own
generated vector columns (search/migrations/0005), ranked on the counted matches only, the
facets in one grouped query, « more than 1,000 » beyond them, and prefix suggestions on the
title."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from modelsearch.conf import get_app_config

from search import rebuild
from search.engines import postgresql
from search.engines.database import DatabaseEngine
from search.models import SearchDocument
from tests.search import contract_helpers as c
from tests.search import page_helpers as h

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def sql(statement, *params):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall()


def build_world():
    return h.places()


def search(text, **filters):
    return DatabaseEngine().search(c.query(text, **filters))


def keys(*rows):
    return [row.key for row in rows]


# The columns.


def test_the_vectors_are_generated_from_the_row_and_weighted():
    row = h.document("École du bourg", "Une navette chaque matin.", tags="transport")
    row.places_names = "Mobilité"
    row.save()
    [(vector, title)] = sql(
        "SELECT search_vector::text, title_vector::text FROM search_searchdocument WHERE id = %s",
        row.pk,
    )
    assert vector == (
        "'bourg':3A 'chaqu':8C 'ecol':1A 'matin':9C 'mobilit':5B 'navet':7C 'transport':4B"
    )
    assert title == "'bourg':3 'ecol':1"


@pytest.mark.parametrize("column", ["search_vector", "title_vector"])
def test_each_vector_has_a_gin_index_the_search_uses(column):
    [(definition,)] = sql(
        "SELECT indexdef FROM pg_indexes WHERE tablename = 'search_searchdocument' "
        "AND indexdef LIKE %s",
        f"%({column})",
    )
    assert "USING gin" in definition
    h.document("Une école ouverte le soir")
    with connection.cursor() as cursor:
        # A few rows: the planner would read them all, or walk the primary key.
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
    with CaptureQueriesContext(connection) as queries:
        search("ecole") if column == "search_vector" else DatabaseEngine().suggest(["eco"], 8)
    plans = []
    for q in queries:
        if f'"{column}" @@' in q["sql"]:
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN {q['sql']}")
                plans.append("\n".join(row[0] for row in cursor.fetchall()))
    assert plans
    assert any(f"Bitmap Index Scan on searchdocument_{column}" in plan for plan in plans), plans


def test_no_wagtail_index_entry_is_written_or_read(world):
    """The engine reads the rows' own vectors: saving or rebuilding writes no index entry."""
    c.contribution(world.territory, "Une école ouverte le soir.")
    rebuild.rebuild_index()
    entries = get_app_config().get_model("IndexEntry").objects
    assert not entries.filter(content_type__model="searchdocument").exists()
    with CaptureQueriesContext(connection) as queries:
        assert search("ecole").total == 1
    assert not any("indexentry" in q["sql"] for q in queries)


def test_the_query_is_plain_text_never_tsquery_syntax():
    both = h.document("École et transport")
    h.document("École")
    for typed in ("ecole | transport", "ecole & !transport", "(ecole) <-> transport"):
        assert search(typed).keys == [both.key], typed
    assert search("eco:*").total == 0


# Matching and ranking.


def test_every_word_is_required_stemmed_and_folded():
    both = h.document("Les Écoles", "Le transport scolaire des écoliers.")
    h.document("École", "Une cour.")
    h.document("Transports", "Des bus.")
    assert search("ECOLE transports").keys == [both.key]
    assert search("l'école TRANSPORT").keys == [both.key]


def test_title_matches_first_then_rank_then_the_newest():
    """A title match first even with a long title; then the rank, where three mentions in
    the text outweigh one tag; equal ranks the newest first."""
    text_once = h.document("Rue", "Une école.")
    tag = h.document("Atelier", "Le mercredi.", tags="école")
    long_title = h.document("Agrandir la cour de l'école maternelle du village", "La cour.")
    title_and_text = h.document("École", "L'école du bourg, une école rurale.")
    text_thrice = h.document("Cour", "Une école, deux écoles, trois écoles.")
    newer_text_once = h.document("Préau", "Une école.")
    assert search("ecole").keys == keys(
        title_and_text, long_title, text_thrice, tag, newer_text_once, text_once
    )


def test_a_title_match_needs_every_word_in_the_title():
    in_title = h.document("École et transport", "Rien.")
    split = h.document("École", "Le transport.", tags="transport")
    assert search("ecole transport").keys == keys(in_title, split)


# Beyond the counted matches.


@pytest.fixture
def cap(monkeypatch):
    monkeypatch.setattr(postgresql, "MATCHES_COUNTED", 5)
    return 5


def test_beyond_the_cap_the_title_matches_then_the_newest_are_counted(cap, world):
    old_title = h.document("Vélo", kind="reve", territories=[world.territory])
    texts = [
        h.document(f"Fiche {n}", "Le vélo.", territories=[world.other_territory]) for n in range(8)
    ]
    results = search("velo")
    assert results.capped
    assert results.total == cap
    assert results.keys == keys(old_title, texts[7], texts[6], texts[5], texts[4])
    assert results.facets["kind"] == {"reve": 1, "revolte": 4}
    assert results.facets["territory"] == {world.territory.pk: 1, world.other_territory.pk: 4}


def test_beyond_the_cap_the_shortest_titles_are_counted_first(cap):
    """An old page titled with the very word stays among the counted matches, ahead of newer
    and longer titles."""
    page = h.document("Vélo", kind="enjeu")
    longer = [h.document(f"Fiche du vélo partagé numéro {n}") for n in range(6)]
    h.document("Rue", "Un vélo.")
    results = search("velo")
    assert results.capped
    assert results.keys == keys(longer[5], longer[4], longer[3], longer[2], page)


def test_at_the_cap_the_total_is_exact(cap):
    for n in range(cap):
        h.document(f"Vélo {n}")
    results = search("velo")
    assert (results.total, results.capped) == (cap, False)


def test_the_counted_matches_are_paged(cap):
    rows = [h.document(f"Vélo {n}") for n in range(8)]
    results = search("velo", page=2, per_page=2)
    assert results.keys == keys(rows[5], rows[4])
    assert search("velo", page=3, per_page=2).keys == keys(rows[3])


def test_a_filter_narrows_before_the_cap(cap, world):
    """A filtered search counts its own matches: the cap applies after the filters."""
    placed = [h.document(f"Vélo {n}", territories=[world.territory]) for n in range(3)]
    for n in range(8):
        h.document(f"Vélo ailleurs {n}", kind="reve")
    results = search("velo", kind="revolte", territory=world.territory.pk)
    assert (results.total, results.capped) == (3, False)
    assert results.keys == keys(*reversed(placed))


def test_the_page_says_more_than_a_thousand(client, world):
    SearchDocument.objects.bulk_create(
        SearchDocument(key=f"test:{n}", kind="revolte", title=f"Vélo {n}", url=f"/v/{n}/")
        for n in range(1001)
    )
    soup = h.get(client, q="velo", page="5")
    count = soup.select_one("[data-search-capped]").get_text(" ", strip=True)
    assert " ".join(count.replace("\u202f", " ").replace("\xa0", " ").split()).startswith(
        "Plus de 1 000 résultats, page 5 sur 50"
    )
    assert h.keys(soup)[0] == "test:920"
    assert (
        soup.select_one("[data-facets-sample]").get_text(strip=True).startswith("Comptés sur les 1")
    )
    assert h.facet(soup, "kind") == {"revolte": 1000}
    h.english(client)
    soup = h.get(client, q="velo")
    assert "More than 1,000 results" in soup.select_one("[data-search-capped]").get_text()


@pytest.mark.parametrize("count", [10, 200])
def test_a_capped_search_page_costs_a_fixed_number_of_queries(
    client, world, cap, count, django_assert_max_num_queries
):
    for n in range(count):
        h.document(f"Vélo {n}", territories=[world.territory], enjeux=[world.enjeu])
    with django_assert_max_num_queries(14):
        soup = h.get(client, q="velo", territoire=world.territory.pk)
    assert h.total(soup) == cap
    assert soup.select_one("[data-search-capped]")


# Suggestions.


def test_suggestions_match_title_word_prefixes_accents_folded_shortest_first():
    long_title = h.document("École du quartier des Vignes", "Rien.")
    short = h.document("Écoles", "Rien.")
    h.document("Rue", "Une école.")
    piece = h.document("Une cole")
    engine = DatabaseEngine()
    for typed in (["eco"], ["ECO"], ["éco"], ["ecole"], ["Écoles"]):
        assert engine.suggest(typed, 8) == keys(short, long_title), typed
    assert engine.suggest(["ecol", "quart"], 8) == keys(long_title)
    assert engine.suggest(["cole"], 8) == keys(piece)
    assert engine.suggest(["eco"], 1) == keys(short)


@pytest.mark.parametrize("typed", ["e'co", "eco|x", "eco&!x", "\\", "a:*", "(", "'"])
def test_suggestions_take_each_word_as_one_quoted_lexeme(typed):
    h.document("École")
    assert DatabaseEngine().suggest([typed], 8) == []
