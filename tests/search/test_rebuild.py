"""``rebuild_search_index``: every public object's document written from scratch, a second run
changing nothing, stale rows removed, progress and a summary printed, the rows upserted so
searches keep working during the run, and a fixed number of queries per chunk."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from consultation.models import Contribution
from forums import posting
from search import registry
from search.models import DocumentPlace, SearchDocument
from search.rebuild import rebuild_index
from search.sync import with_places
from tests import factories
from tests.search import sources_helpers as h
from tests.search.sources_helpers import no_leftover_sync  # noqa: F401

pytestmark = pytest.mark.django_db

# Count, read and prefetch the chunk, upsert the rows, read their ids, replace their places
# and their index entries (Wagtail's refreshes its title norms), in a savepoint; the names
# of their places.
QUERIES_PER_CHUNK = 16
KINDS = {"territory", "enjeu", "event", "page", "initiative", "thread", "comment", "revolte"}


@pytest.fixture(autouse=True)
def _french():
    """The summary and the bars speak the site's language: French here, whatever language an
    earlier test left active in this process."""
    with translation.override("fr"):
        yield


def grow(world, count, word="semis"):
    """``count`` objects of every kind, written without their on-commit sync (as a bulk
    load would): only a rebuild makes documents of them."""
    for number in range(count):
        factories.ContributionFactory(territory=world["territory"], text=f"{word} {number}")
        factories.ContributionFactory(territory=world["territory"], status="pending")
        page = factories.InitiativePageFactory(parent=world["initiatives"], summary=word)
        page.territories.set([world["territory"]])
        page.enjeux.set([world["enjeu"]])
        page.tags.add("jardin")
        page.save()
        thread = posting.start_thread(
            author=world["author"], title=word, body=word, page=world["enjeu"]
        )
        in_initiative = posting.start_thread(
            author=world["author"], title=word, body=word, page=page
        )
        for forum_thread in (thread, in_initiative):
            posting.post_comment(thread=forum_thread, author=world["author"], text=word)
        event = factories.EventPageFactory(parent=world["events"], place=word)
        event.territories.set([world["territory"]])
        event.save()
        factories.StandardPageFactory(parent=world["home"], intro=word)


def snapshot():
    """Every row's content and places, and its id."""
    rows = {}
    for row in SearchDocument.objects.all():
        rows[row.key] = (
            row.pk,
            row.kind,
            row.title,
            row.text,
            row.tags,
            row.url,
            row.maturity,
            row.date,
            row.point,
            frozenset(h.places(row)),
        )
    return rows


def run(*options, verbosity=1):
    out, err = io.StringIO(), io.StringIO()
    call_command("rebuild_search_index", *options, verbosity=verbosity, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def build_world():
    """The indexed tree, built once for the module (the ``world`` fixture: a copy per test)."""
    return h.tree()


def test_it_builds_every_document_from_scratch(world, engine):
    grow(world, 2)
    SearchDocument.objects.all().delete()
    out, _err = run()
    # Two territories, two enjeux, and per round: a published contribution, an initiative,
    # two threads, two comments, an event, a standard page.
    assert SearchDocument.objects.count() == 4 + 2 * 8
    assert set(SearchDocument.objects.values_list("kind", flat=True)) == KINDS
    assert "20 documents indexés, 0 retiré." in out
    assert DocumentPlace.objects.filter(relation="territory", page=world["territory"]).exists()
    semis = SearchDocument.objects.exclude(kind__in=["territory", "enjeu"])
    assert sorted(h.found(engine, "semis")) == sorted(semis.values_list("key", flat=True))


def test_a_second_run_changes_nothing(world):
    grow(world, 1)
    run()
    before = snapshot()
    out, _err = run()
    assert snapshot() == before
    assert "0 retiré" in out


def test_stale_rows_are_removed_with_their_index_entries(world, engine):
    grow(world, 1)
    run()
    gone = Contribution.objects.filter(status="published").first()
    # A change no signal saw: the document stays until a rebuild.
    Contribution.objects.filter(pk=gone.pk).update(status="hidden", text="fuiteperimee")
    orphan = SearchDocument.objects.create(
        key="consultation.contribution:999999", kind="revolte", title="fuiteorpheline", url="/x/"
    )
    DocumentPlace.objects.create(document=orphan, page=world["territory"], relation="territory")
    engine.write(with_places(SearchDocument.objects.filter(pk=orphan.pk)))
    assert h.found(engine, "fuiteorpheline") == [orphan.key]
    out, _err = run()
    assert "2 retirés" in out
    assert h.document(gone) is None
    assert not SearchDocument.objects.filter(key=orphan.key).exists()
    assert not DocumentPlace.objects.filter(document_id=orphan.pk).exists()
    h.assert_never_found(engine, "fuiteorpheline")


def test_progress_goes_to_stderr_and_nothing_at_verbosity_zero(world):
    grow(world, 1)
    out, err = run()
    for label in ("contributions", "initiatives", "documents de recherche"):
        assert label in err
    assert "100%" in err
    assert "documents indexés" in out
    assert run(verbosity=0) == ("", "")


def test_the_chunk_size_is_an_option(world):
    grow(world, 3)
    out, _err = run("--chunk-size", "2")
    assert "28 documents indexés, 0 retiré." in out
    assert SearchDocument.objects.count() == 28


def test_existing_rows_stay_searchable_during_the_run(world, engine):
    """Rows are upserted, never emptied first: between any two chunks, every document the
    index held before the run is still found, and keeps its id."""
    grow(world, 2)
    run()
    before = snapshot()
    checked = []

    class Watching:
        def __init__(self, description, total):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def update(self, n):
            checked.append(len(h.found(engine, "semis")))

    outcome = rebuild_index(progress=Watching, chunk_size=1)
    assert outcome.indexed == len(before)
    assert len(checked) == len(before)
    assert set(checked) == {2 * 8}
    assert {key: row[0] for key, row in snapshot().items()} == {
        key: row[0] for key, row in before.items()
    }


@pytest.mark.parametrize("existing", [False, True], ids=["first-build", "re-run"])
def test_the_queries_per_chunk_do_not_grow_with_the_objects(world, existing):
    """One chunk per source at both sizes: the same number of queries for 1 or 5 objects of
    each kind, on a first build and on a run over existing rows."""
    rebuild_index()
    counts = []
    for count in (1, 4):
        grow(world, count)
        if not existing:
            SearchDocument.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            rebuild_index()
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("count", [1, 4])
def test_a_bound_of_queries_per_chunk(world, count, django_assert_max_num_queries):
    """Whatever the number of objects: a bound per source (one chunk each), plus the stale
    rows and the engine."""
    rebuild_index()
    grow(world, count)
    with django_assert_max_num_queries(len(registry.sources()) * QUERIES_PER_CHUNK + 5):
        rebuild_index()


def test_the_engine_s_progress_moves_its_bar(world, monkeypatch):
    """An engine reports how many rows it has indexed so far; the bar follows."""

    class CountingEngine:
        def rebuild(self, documents, total, progress):
            progress(total - 1)
            progress(total)

    monkeypatch.setattr("search.rebuild.get_engine", CountingEngine)
    moves = {}

    class Recording:
        def __init__(self, description, total):
            self.description = description
            moves[description] = []

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def update(self, n):
            moves[self.description].append(n)

    rebuild_index(progress=Recording)
    assert moves["documents de recherche"] == [3, 1]
