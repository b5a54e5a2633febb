"""When Elasticsearch fails: searches answered by the database engine (and the outage kept),
writes queued and caught up later, by the next write or by the command."""

import datetime
import logging

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from elasticsearch import ConnectionTimeout

from search import catch_up, french
from search.engines.base import Query
from search.engines.database import DatabaseEngine
from search.engines.elasticsearch import ElasticsearchEngine, describe, last_failure
from search.models import PendingIndexUpdate, SearchDocument
from search.sync import with_places
from tests import factories
from tests.network import closed_port
from tests.search.fake_elasticsearch import (
    ALIAS,
    api_error,
    connection_error,
    install,
    saved_row,
)

pytestmark = pytest.mark.django_db
INDEX = f"{ALIAS}-1"
FAILURES = {
    "unreachable": connection_error,
    "timeout": lambda: ConnectionTimeout("Connection timed out"),
    "server error": lambda: api_error(503, "cluster_block_exception", "blocked"),
    "no index": lambda: api_error(404, "index_not_found_exception", "no such index"),
}


@pytest.fixture
def fake(monkeypatch, settings):
    fake = install(monkeypatch, settings)
    fake.alias(ALIAS, INDEX)
    return fake


@pytest.fixture
def territory():
    return factories.TerritoryPageFactory(parent=factories.site_with_home_page())


def query(text, **filters):
    return Query(words=tuple(french.query_words(text, 200)), **filters)


def row(key):
    return with_places(SearchDocument.objects.filter(key=key))


def queued():
    return set(PendingIndexUpdate.objects.values_list("key", flat=True))


def contribution(territory, text):
    """A published contribution, its document written through the sync (to both engines)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        created = factories.ContributionFactory(territory=territory, text=text)
    return f"consultation.contribution:{created.pk}"


@pytest.mark.parametrize("failure", FAILURES)
def test_a_failing_search_is_answered_by_the_database(fake, territory, failure, caplog):
    ecole = contribution(territory, "Une école de musique au village")
    contribution(territory, "Des bancs sur la place")
    fake.fail("search", FAILURES[failure]())
    with caplog.at_level(logging.WARNING, logger="search.engines.elasticsearch"):
        results = ElasticsearchEngine().search(query("ecoles", territory=territory.pk))
    expected = DatabaseEngine().search(query("ecoles", territory=territory.pk))
    assert results.keys == expected.keys == [ecole]
    assert (results.total, results.facets) == (expected.total, expected.facets)
    assert results.facets["territory"] == {territory.pk: 1}
    assert (results.engine, results.fell_back) == ("database", True)
    assert "Elasticsearch search failed" in caplog.text
    outage = last_failure()
    assert outage["operation"] == "search"
    assert outage["error"] == describe(FAILURES[failure]())
    assert abs(outage["at"] - timezone.now()) < datetime.timedelta(minutes=1)


def test_a_failing_autocomplete_is_answered_by_the_database(fake, territory):
    saved_row("initiatives.initiativepage:1", "École des mobilités")
    saved_row("initiatives.initiativepage:2", "Jardin partagé")
    fake.fail("search", connection_error())
    keys = ElasticsearchEngine().suggest(["eco"], 8)
    assert keys == DatabaseEngine().suggest(["eco"], 8) == ["initiatives.initiativepage:1"]
    assert last_failure()["operation"] == "suggest"


def test_the_recorded_error_hides_the_server_password(settings):
    settings.ELASTICSEARCH_URL = "https://elastic:s3cr3t-pw@search.example.org:9200"
    error = connection_error()
    error.errors = (OSError("https://elastic:s3cr3t-pw@search.example.org:9200 refused"),)
    assert "s3cr3t-pw" not in describe(error)
    assert "***" in describe(error)


def test_a_failing_write_never_raises_and_queues_the_keys(fake, territory):
    fake.fail("bulk", connection_error())
    key = contribution(territory, "Une école")
    assert SearchDocument.objects.filter(key=key).exists()
    assert key in queued()
    assert cache.get(catch_up.PENDING)
    assert last_failure()["operation"] == "write"


def test_a_failing_remove_queues_the_keys(fake):
    fake.fail("bulk", api_error(500, "internal_server_error"))
    ElasticsearchEngine().remove(["forums.thread:9"])
    assert queued() == {"forums.thread:9"}


def test_only_the_refused_documents_are_queued(fake):
    saved_row("forums.thread:1", "Fil accepté")
    saved_row("forums.thread:2", "Fil refusé")
    fake.refuse("forums.thread:2")
    ElasticsearchEngine().write(with_places(SearchDocument.objects.all()))
    assert queued() == {"forums.thread:2"}
    assert set(fake.documents(ALIAS)) == {"forums.thread:1"}
    assert "forums.thread:2" in last_failure()["error"]


def test_the_next_successful_write_catches_up(fake):
    saved_row("forums.thread:1", "Fil modifié pendant la panne")
    fake.fail("bulk", connection_error())
    ElasticsearchEngine().write(row("forums.thread:1"))
    ElasticsearchEngine().remove(["forums.thread:2"])
    assert queued() == {"forums.thread:1", "forums.thread:2"}
    fake.stored[INDEX]["forums.thread:2"] = {"title": "Supprimé pendant la panne"}

    fake.recover()
    saved_row("forums.thread:3", "Fil d'après")
    ElasticsearchEngine().write(row("forums.thread:3"))
    assert set(fake.documents(ALIAS)) == {"forums.thread:1", "forums.thread:3"}
    assert fake.documents(ALIAS)["forums.thread:1"]["title"] == "Fil modifié pendant la panne"
    assert queued() == set()
    assert cache.get(catch_up.PENDING) is None


def test_an_ordinary_write_costs_no_query_for_the_catch_up(fake, django_assert_num_queries):
    rows = list(with_places(SearchDocument.objects.filter(pk=saved_row("t:1", "Fil").pk)))
    with django_assert_num_queries(0):
        ElasticsearchEngine().write(rows)
    assert len(fake.made("bulk")) == 1


def test_the_automatic_catch_up_sends_a_batch_and_leaves_the_rest(fake, monkeypatch):
    monkeypatch.setattr(catch_up, "AUTOMATIC_LIMIT", 2)
    catch_up.queue(["gone:1", "gone:2", "gone:3"])
    ElasticsearchEngine().remove(["gone:4"])
    assert len(queued()) == 1
    assert cache.get(catch_up.PENDING)


def test_the_catch_up_keeps_what_is_refused_again(fake):
    saved_row("forums.thread:1", "Fil")
    saved_row("forums.thread:2", "Fil toujours refusé")
    catch_up.queue(["forums.thread:1", "forums.thread:2"])
    fake.refuse("forums.thread:2")
    assert catch_up.catch_up(ElasticsearchEngine()) == 1
    assert queued() == {"forums.thread:2"}
    assert cache.get(catch_up.PENDING)


def test_a_key_queued_again_during_the_catch_up_stays_queued(fake, monkeypatch):
    """The row was read before it changed again (and that write failed): sending the older
    row must not take the key off the queue."""
    saved_row("forums.thread:1", "Fil")
    catch_up.queue(["forums.thread:1"])
    engine = ElasticsearchEngine()
    send = engine.apply

    def apply_while_it_changes(rows, deleted):
        with time_machine.travel(timezone.now() + datetime.timedelta(seconds=1)):
            catch_up.queue(["forums.thread:1"])
        return send(rows, deleted)

    monkeypatch.setattr(engine, "apply", apply_while_it_changes)
    catch_up.catch_up(engine)
    assert queued() == {"forums.thread:1"}


def test_the_command_catches_up_everything(fake, capsys):
    saved_row("forums.thread:1", "Fil")
    catch_up.queue(["forums.thread:1", "gone:1"])
    call_command("catch_up_search_index")
    assert "2 updates sent to Elasticsearch, 0 still waiting" in capsys.readouterr().out
    assert queued() == set()
    assert set(fake.documents(ALIAS)) == {"forums.thread:1"}


def test_the_command_fails_loudly_while_elasticsearch_is_down(fake):
    catch_up.queue(["gone:1"])
    fake.fail("bulk", connection_error())
    with pytest.raises(CommandError, match="still failing"):
        call_command("catch_up_search_index")
    assert queued() == {"gone:1"}
    assert last_failure()["operation"] == "write"


def test_the_command_leaves_the_queue_to_a_running_rebuild(fake, capsys):
    catch_up.queue(["gone:1"])
    catch_up.mark_rebuilding()
    call_command("catch_up_search_index")
    assert "rebuild is running" in capsys.readouterr().out
    assert fake.made("bulk") == []
    assert queued() == {"gone:1"}


def test_the_command_has_nothing_to_do_on_the_database_engine(settings, capsys):
    settings.SEARCH_ENGINE = "database"
    call_command("catch_up_search_index")
    assert "nothing to catch up" in capsys.readouterr().out


def test_the_real_client_with_nothing_listening_falls_back_and_queues(settings, territory):
    """Not the fake: the real client, pointed at a port where nothing listens."""
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port()}"
    settings.SEARCH_ENGINE = "elasticsearch"
    key = contribution(territory, "Une école de musique")
    assert key in queued()
    results = ElasticsearchEngine().search(query("ecole"))
    assert (results.keys, results.fell_back) == ([key], True)
    assert "ConnectionError" in last_failure()["error"]


def test_the_search_page_answers_from_the_database_with_nothing_listening(
    settings, territory, client
):
    """The whole page, through the real client pointed at a port where nothing listens."""
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port()}"
    settings.SEARCH_ENGINE = "elasticsearch"
    key = contribution(territory, "Une école de musique")

    response = client.get(reverse("search:results"), {"q": "ecole"})
    assert response.status_code == 200
    cards = BeautifulSoup(response.content, "html.parser").select("[data-search-key]")
    assert [card["data-search-key"] for card in cards] == [key]
    suggestions = client.get(reverse("search:suggestions"), {"q": "ecol"})
    assert suggestions.status_code == 200
    assert [s["title"] for s in suggestions.json()["suggestions"]] == ["Une école de musique"]
