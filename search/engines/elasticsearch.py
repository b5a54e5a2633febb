"""The Elasticsearch engine: the search documents in one index behind an alias.

Queries are built from the visitor's words only (``multi_match``, never a query language).
When Elasticsearch is unreachable or answers an error, a search is answered by the database
engine and the failure is logged and kept for the admin dashboard; a write that fails is queued
for ``search.catch_up``, so saving an object never fails because the search is down."""

import dataclasses
import functools
import itertools
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from elastic_transport import ApiError, TransportError
from elasticsearch import Elasticsearch, NotFoundError
from elasticsearch_dsl import Q, Search

from .. import catch_up
from ..elasticsearch_index import concrete_name, definition, document_body
from .base import PAGE_FACETS, Engine, Results
from .database import DatabaseEngine

logger = logging.getLogger(__name__)

# What a failing server raises: no answer (connection, timeout, TLS) or an error answer.
ERRORS = (TransportError, ApiError)
FAILURE = "search:elasticsearch:last-failure"
# What was asked of Elasticsearch when it failed, as the dashboard says it.
OPERATIONS = {
    "search": _("a search"),
    "suggest": _("an autocomplete"),
    "write": _("an index update"),
    "rebuild": _("a rebuild"),
}
# How long the dashboard shows the last failure.
FAILURE_MEMORY = 7 * 24 * 3600
ERROR_MAX_LENGTH = 300
# Words match in the title first, then the tags and the names of its places, then the text.
TEXT_FIELDS = ["title^5", "tags^2", "places_names^2", "text"]
# Each facet of ``Query`` and the indexed field it filters and counts.
FACET_FIELDS = {
    "kind": "kind",
    "maturity": "maturity",
    "territory": "territories",
    "enjeu": "enjeux",
}
# More values than any facet has (kinds, maturities, the territories, the enjeux).
FACET_SIZE = 200
# Elasticsearch refuses to page beyond this many hits (index.max_result_window).
MAX_RESULT_WINDOW = 10_000
# Documents per bulk request.
BULK_CHUNK = 500


@functools.lru_cache(maxsize=4)
def _client(url, timeout):
    return Elasticsearch(url, request_timeout=timeout)


def make_client():
    """The client of the ELASTICSEARCH_URL server, shared by the engines of a process (it keeps
    a pool of connections). Tests replace this function."""
    return _client(settings.ELASTICSEARCH_URL, settings.SEARCH_ELASTICSEARCH_TIMEOUT)


class DocumentsRefused(Exception):
    """Elasticsearch accepted a bulk request but refused some of its documents."""

    def __init__(self, failures):
        self.failures = failures  # {key: reason}
        key, reason = next(iter(failures.items()))
        super().__init__(f"{len(failures)} refused, {key}: {reason}")


class RebuildFailed(CommandError):
    """The rebuild could not complete; the alias still points to the previous index. A
    CommandError, so that the rebuild command prints the reason rather than a traceback."""


def describe(error):
    """A short account of ``error``, safe to show to staff: the server's password (if the
    URL carries one) is masked."""
    text = str(error)
    name = type(error).__name__
    if not text.startswith(name):
        text = f"{name}: {text}"
    password = urlsplit(settings.ELASTICSEARCH_URL).password
    if password:
        text = text.replace(password, "***")
    return text[:ERROR_MAX_LENGTH]


def record_failure(operation, error):
    """Log a failure of ``operation`` (see OPERATIONS) and keep it for the dashboard."""
    text = describe(error)
    logger.warning("Elasticsearch %s failed: %s", operation, text)
    failure = {"at": timezone.now(), "operation": operation, "error": text}
    cache.set(FAILURE, failure, FAILURE_MEMORY)


def last_failure():
    """``{"at", "operation", "error"}`` of the last failure of the past week, or None."""
    return cache.get(FAILURE)


def search_body(query):
    """The request body of ``query``: its words in the text fields (all of them, in any field),
    its chosen facets as filters, the counts of every facet over the matches."""
    words = Q(
        "multi_match", query=query.text, fields=TEXT_FIELDS, type="cross_fields", operator="and"
    )
    chosen = [Q("term", **{FACET_FIELDS[facet]: value}) for facet, value in query.filters().items()]
    search = Search().query(Q("bool", must=[words], filter=chosen))
    for facet, field in FACET_FIELDS.items():
        search.aggs.bucket(facet, "terms", field=field, size=FACET_SIZE)
    search = search.sort("_score", {"date": {"order": "desc", "missing": "_last"}})
    search = search.extra(track_total_hits=True).source(False)
    end = query.offset + query.per_page
    if end > MAX_RESULT_WINDOW:
        # Elasticsearch refuses a page past its window: ask for the total and the facets only.
        return search[0:0].to_dict()
    return search[query.offset : end].to_dict()


def suggest_body(words, limit):
    """Titles whose words start with ``words`` (edge n-grams), the best ``limit`` of them."""
    search = Search().query(
        "match", **{"title.autocomplete": {"query": " ".join(words), "operator": "and"}}
    )
    return search.source(False)[:limit].to_dict()


def parse_results(response):
    """``Results`` from a search response: keys (the documents' ids), total, facet counts
    (page facets keyed by page id)."""
    hits = response["hits"]
    total = hits["total"]["value"]
    facets = {}
    if total:
        for facet in FACET_FIELDS:
            buckets = response["aggregations"][facet]["buckets"]
            value = int if facet in PAGE_FACETS else str
            facets[facet] = {value(bucket["key"]): bucket["doc_count"] for bucket in buckets}
    keys = [hit["_id"] for hit in hits["hits"]]
    return Results(keys=keys, total=total, facets=facets, engine=ElasticsearchEngine.name)


def operations(rows, deleted):
    """Bulk actions: index ``rows`` (SearchDocument rows, ``_id`` = key), delete ``deleted``."""
    actions = []
    for row in rows:
        actions += [{"index": {"_id": row.key}}, document_body(row)]
    actions += [{"delete": {"_id": key}} for key in deleted]
    return actions


def refused(response):
    """{key: reason} of the bulk actions Elasticsearch refused. Deleting a document it does not
    hold is no refusal (``not_found``, without an error)."""
    failures = {}
    if response.get("errors"):
        for item in response["items"]:
            ((_action, result),) = item.items()
            if "error" in result:
                error = result["error"]
                failures[result["_id"]] = f"{error.get('type')}: {error.get('reason')}"
    return failures


def chunks(iterable, size):
    iterator = iter(iterable)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


class ElasticsearchEngine(Engine):
    name = "elasticsearch"

    def __init__(self, client=None):
        self.client = client or make_client()
        self.alias = settings.SEARCH_ELASTICSEARCH_INDEX

    # Searching, with the database engine as fallback.

    def search(self, query):
        if not query.words:
            return Results(keys=[], total=0, facets={}, engine=self.name)
        try:
            response = self.client.search(index=self.alias, body=search_body(query))
        except ERRORS as error:
            record_failure("search", error)
            return dataclasses.replace(DatabaseEngine().search(query), fell_back=True)
        return parse_results(response)

    def suggest(self, words, limit):
        if not words:
            return []
        try:
            response = self.client.search(index=self.alias, body=suggest_body(words, limit))
        except ERRORS as error:
            record_failure("suggest", error)
            return DatabaseEngine().suggest(words, limit)
        return [hit["_id"] for hit in response["hits"]["hits"]]

    # Writing, with the catch-up queue for what fails.

    def write(self, documents):
        rows = list(documents)
        if rows:
            self._deliver(rows, ())

    def remove(self, keys):
        if keys:
            self._deliver((), list(keys))

    def apply(self, rows, deleted):
        """Index ``rows`` and delete the documents ``deleted`` through the alias; returns
        {key: reason} of those Elasticsearch refused. Connection and API errors propagate."""
        refresh = (
            {"refresh": True} if getattr(settings, "SEARCH_ELASTICSEARCH_REFRESH", False) else {}
        )
        failures = {}
        batches = itertools.chain(
            (operations(chunk, ()) for chunk in chunks(rows, BULK_CHUNK)),
            (operations((), chunk) for chunk in chunks(deleted, BULK_CHUNK)),
        )
        for actions in batches:
            # require_alias: never let a write create an index of the alias's name by mistake.
            response = self.client.bulk(
                index=self.alias, operations=actions, require_alias=True, **refresh
            )
            failures.update(refused(response))
        if failures:
            record_failure("write", DocumentsRefused(failures))
        return failures

    def _deliver(self, rows, deleted):
        keys = [row.key for row in rows] + list(deleted)
        pending, rebuilding = catch_up.flags()
        try:
            failures = self.apply(rows, deleted)
        except ERRORS as error:
            record_failure("write", error)
            catch_up.queue(keys)
            return
        if failures:
            catch_up.queue(failures)
        if rebuilding:
            # The index being built may have read these rows before they changed.
            catch_up.queue(keys)
        elif pending:
            self._catch_up(catch_up.AUTOMATIC_LIMIT)

    def _catch_up(self, limit=None):
        try:
            catch_up.catch_up(self, limit)
        except ERRORS as error:
            record_failure("write", error)

    # The index itself.

    def concrete_indices(self):
        """The indices behind the alias: one, or none before the first rebuild. An index
        that has the alias's own name (made by a write before any rebuild) is listed too."""
        try:
            return sorted(self.client.indices.get_alias(index=self.alias))
        except NotFoundError:
            return []

    def rebuild(self, documents, total, progress):
        """Fill a new index with ``documents`` in bulk chunks, then move the alias onto it in
        one atomic step and delete the previous index: searches see the old index until the new
        one is complete. Raises RebuildFailed (the new index deleted) when Elasticsearch fails."""
        new = concrete_name(self.alias)
        started = timezone.now()
        catch_up.mark_rebuilding()
        try:
            self._fill(new, documents, progress)
            previous = self.concrete_indices()
            actions = [
                # An index bearing the alias's name gives way to the alias in the same step.
                {"remove_index": {"index": name}}
                if name == self.alias
                else {"remove": {"index": name, "alias": self.alias}}
                for name in previous
            ]
            actions.append({"add": {"index": new, "alias": self.alias}})
            self.client.indices.update_aliases(actions=actions)
        except (*ERRORS, DocumentsRefused) as error:
            self._discard(new)
            record_failure("rebuild", error)
            raise RebuildFailed(
                _("Elasticsearch could not rebuild the index %(alias)s: %(error)s")
                % {"alias": self.alias, "error": describe(error)}
            ) from error
        finally:
            catch_up.stop_rebuilding()
        catch_up.forget_before(started)
        self._delete_old([name for name in previous if name != self.alias])
        # Writes made during the rebuild were queued: the new index gets them now.
        self._catch_up()

    def _fill(self, index, documents, progress):
        self.client.indices.create(index=index, **definition(index).to_dict())
        done = 0
        for rows in chunks(documents.iterator(chunk_size=BULK_CHUNK), BULK_CHUNK):
            response = self.client.bulk(index=index, operations=operations(rows, ()))
            failures = refused(response)
            if failures:
                raise DocumentsRefused(failures)
            done += len(rows)
            progress(done)
            catch_up.mark_rebuilding()
        self.client.indices.refresh(index=index)

    def _discard(self, index):
        """Delete the index of a failed rebuild, if it was created and the server answers."""
        try:
            self.client.indices.delete(index=index)
        except ERRORS as error:
            logger.warning("Could not delete the unfinished index %s: %s", index, error)

    def _delete_old(self, names):
        """Delete the indices the alias left: the rebuild is done even if this fails."""
        if not names:
            return
        try:
            self.client.indices.delete(index=names)
        except ERRORS as error:
            logger.warning("Could not delete the previous indices %s: %s", names, error)

    def drop_index(self):
        """Delete the indices behind the alias, and with them the alias."""
        names = self.concrete_indices()
        if names:
            self.client.indices.delete(index=names)
