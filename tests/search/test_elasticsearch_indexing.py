"""Writing to the Elasticsearch index, against the recording fake: bulk actions keyed by the
document key, and the rebuild that fills a new index then swaps the alias in one step."""

import pytest
from django.core.management.base import CommandError
from django.test import TestCase

from search import catch_up
from search.elasticsearch_index import definition
from search.engines import elasticsearch
from search.engines.elasticsearch import ElasticsearchEngine, RebuildFailed, last_failure
from search.models import PendingIndexUpdate, SearchDocument
from search.sync import with_places
from tests import factories
from tests.search.fake_elasticsearch import ALIAS, connection_error, install, saved_row

pytestmark = pytest.mark.django_db
OLD = f"{ALIAS}-20240101000000000000"


@pytest.fixture
def fake(monkeypatch, settings):
    fake = install(monkeypatch, settings)
    fake.alias(ALIAS, OLD, {"gone:1": {"title": "Supprimé depuis"}})
    return fake


@pytest.fixture
def places():
    home = factories.site_with_home_page()
    return factories.TerritoryPageFactory(parent=home), factories.EnjeuPageFactory(parent=home)


def rows():
    return with_places(SearchDocument.objects.order_by("key"))


def rebuild(progress=None):
    ElasticsearchEngine().rebuild(rows(), rows().count(), progress or (lambda done: None))


def actions(call):
    """[(action, _id, source or None)] of a recorded bulk call."""
    out = []
    operations = iter(call["operations"])
    for operation in operations:
        ((action, meta),) = operation.items()
        out.append((action, meta["_id"], next(operations) if action == "index" else None))
    return out


def test_a_saved_contribution_is_bulk_indexed_with_its_key_places_and_point(fake, places):
    territory, enjeu = places
    with TestCase.captureOnCommitCallbacks(execute=True):
        contribution = factories.ContributionFactory(
            territory=territory, text="Il manque une école", latitude=47.6412, longitude=6.8523
        )
        contribution.enjeux.add(enjeu)
    key = f"consultation.contribution:{contribution.pk}"
    # The last bulk call holding it: the enjeu added after the save refreshes it once more.
    call = [call for call in fake.made("bulk") if key in str(call["operations"])][-1]
    assert (call["index"], call["require_alias"], call["refresh"]) == (ALIAS, True, True)
    # The same bulk call may carry other documents refreshed in that commit (its places').
    ((action, _id, source),) = [sent for sent in actions(call) if sent[1] == key]
    assert (action, _id, source["key"]) == ("index", key, key)
    assert source["territories"] == [territory.pk]
    assert source["enjeux"] == [enjeu.pk]
    assert source["location"].keys() == {"lat", "lon"}
    assert source["location"]["lat"] == pytest.approx(47.64, abs=0.01)
    assert fake.documents(ALIAS)[key] == source


def test_every_row_is_sent_in_chunks(fake, monkeypatch):
    monkeypatch.setattr(elasticsearch, "BULK_CHUNK", 2)
    for n in range(5):
        saved_row(f"forums.thread:{n}", f"Fil {n}", kind="thread")
    ElasticsearchEngine().write(rows())
    calls = fake.made("bulk")
    assert [len(actions(call)) for call in calls] == [2, 2, 1]
    sent = [(action, _id) for call in calls for action, _id, _source in actions(call)]
    assert sent == [("index", f"forums.thread:{n}") for n in range(5)]
    assert not PendingIndexUpdate.objects.exists()


def test_writes_refresh_only_when_the_setting_asks(fake, settings):
    settings.SEARCH_ELASTICSEARCH_REFRESH = False
    saved_row("forums.thread:1", "Fil")
    ElasticsearchEngine().write(rows())
    assert fake.made("bulk")[0]["refresh"] is None


def test_remove_deletes_by_key_and_a_missing_document_is_no_failure(fake):
    ElasticsearchEngine().remove(["gone:1", "never:2"])
    (call,) = fake.made("bulk")
    assert actions(call) == [("delete", "gone:1", None), ("delete", "never:2", None)]
    assert fake.documents(ALIAS) == {}
    assert not PendingIndexUpdate.objects.exists()
    assert last_failure() is None


def test_rebuild_fills_a_new_index_then_swaps_the_alias_atomically(fake, places, monkeypatch):
    monkeypatch.setattr(elasticsearch, "BULK_CHUNK", 2)
    territory, _enjeu = places
    for n in range(3):
        saved_row(f"forums.thread:{n}", f"Fil {n}", territories=[territory])
    progress = []
    rebuild(progress.append)

    (create,) = fake.made("indices.create")
    new = create["index"]
    assert new.startswith(f"{ALIAS}-") and new != OLD
    expected = definition(new).to_dict()
    assert (create["settings"], create["mappings"]) == (expected["settings"], expected["mappings"])
    bulks = fake.made("bulk")
    assert {call["index"] for call in bulks} == {new}
    assert progress == [2, 3]
    assert fake.made("indices.refresh") == [{"index": new}]
    (swap,) = fake.made("indices.update_aliases")
    assert swap["actions"] == [
        {"remove": {"index": OLD, "alias": ALIAS}},
        {"add": {"index": new, "alias": ALIAS}},
    ]
    assert fake.made("indices.delete") == [{"index": [OLD]}]
    methods = fake.methods()
    assert methods.index("indices.refresh") < methods.index("indices.update_aliases")
    assert methods.index("indices.update_aliases") < methods.index("indices.delete")
    # What a search sees: the new index, with every row and nothing stale.
    assert fake.aliases == {ALIAS: {new}}
    assert set(fake.documents(ALIAS)) == {f"forums.thread:{n}" for n in range(3)}


def test_first_rebuild_creates_the_alias(monkeypatch, settings):
    fake = install(monkeypatch, settings)
    saved_row("forums.thread:1", "Fil")
    rebuild()
    ((new,),) = fake.aliases.values()
    (swap,) = fake.made("indices.update_aliases")
    assert swap["actions"] == [{"add": {"index": new, "alias": ALIAS}}]
    assert fake.made("indices.delete") == []


def test_rebuild_replaces_an_index_bearing_the_alias_name_in_the_same_step(monkeypatch, settings):
    """A write before any rebuild, by an older version without require_alias, made a plain
    index of the alias's name: the swap removes it and adds the alias at once."""
    fake = install(monkeypatch, settings)
    fake.stored[ALIAS] = {"old:1": {}}
    saved_row("forums.thread:1", "Fil")
    rebuild()
    new = fake.made("indices.create")[0]["index"]
    (swap,) = fake.made("indices.update_aliases")
    assert swap["actions"] == [
        {"remove_index": {"index": ALIAS}},
        {"add": {"index": new, "alias": ALIAS}},
    ]
    assert fake.aliases == {ALIAS: {new}}
    assert set(fake.stored) == {new}


@pytest.mark.parametrize("failing", ["bulk", "indices.refresh", "indices.update_aliases"])
def test_a_failed_rebuild_keeps_the_old_index_and_deletes_the_new_one(fake, failing):
    saved_row("forums.thread:1", "Fil")
    fake.fail(failing, connection_error())
    with pytest.raises(RebuildFailed) as raised:
        rebuild()
    assert isinstance(raised.value, CommandError)
    assert ALIAS in str(raised.value)
    assert "Connection refused" in str(raised.value)
    new = fake.made("indices.create")[0]["index"]
    assert fake.made("indices.delete") == [{"index": new}]
    assert fake.aliases == {ALIAS: {OLD}}
    assert set(fake.stored) == {OLD}
    assert last_failure()["operation"] == "rebuild"
    assert not catch_up.rebuilding()


def test_a_refused_document_fails_the_rebuild(fake):
    saved_row("forums.thread:1", "Fil")
    fake.refuse("forums.thread:1")
    with pytest.raises(RebuildFailed, match=r"forums\.thread:1"):
        rebuild()
    assert fake.aliases == {ALIAS: {OLD}}


def test_an_unreachable_server_fails_the_rebuild_clearly(fake):
    fake.fail("indices.create", connection_error())
    fake.fail("indices.delete", connection_error())
    with pytest.raises(RebuildFailed, match="Connection refused"):
        rebuild()


def test_changes_made_during_a_rebuild_reach_the_new_index(fake, monkeypatch):
    """The rebuild reads a row, then the row changes (or goes) before the alias moves: the
    write reaches the old index and is queued; the new index gets it after the swap."""
    monkeypatch.setattr(elasticsearch, "BULK_CHUNK", 1)
    saved_row("forums.thread:1", "Ancien titre")
    saved_row("forums.thread:2", "Fil supprimé")
    saved_row("forums.thread:3", "Fil")

    def change_while_rebuilding(done):
        if done == 2:  # threads 1 and 2 are in the new index already
            SearchDocument.objects.filter(key="forums.thread:1").update(title="Nouveau titre")
            ElasticsearchEngine().write(rows().filter(key="forums.thread:1"))
            SearchDocument.objects.filter(key="forums.thread:2").delete()
            ElasticsearchEngine().remove(["forums.thread:2"])
            assert PendingIndexUpdate.objects.count() == 2

    rebuild(change_while_rebuilding)
    documents = fake.documents(ALIAS)
    assert set(documents) == {"forums.thread:1", "forums.thread:3"}
    assert documents["forums.thread:1"]["title"] == "Nouveau titre"
    assert not PendingIndexUpdate.objects.exists()


def test_a_rebuild_makes_updates_queued_before_it_pointless(fake):
    saved_row("forums.thread:1", "Fil")
    catch_up.queue(["forums.thread:1", "gone:1"])
    rebuild()
    assert not PendingIndexUpdate.objects.exists()
    resent = [call for call in fake.made("bulk") if call["index"] == ALIAS]
    assert resent == []


def test_drop_index_deletes_the_indices_behind_the_alias(fake):
    ElasticsearchEngine().drop_index()
    assert fake.made("indices.delete") == [{"index": [OLD]}]
    assert fake.stored == {} and fake.aliases == {}
    ElasticsearchEngine().drop_index()
    assert len(fake.made("indices.delete")) == 1
