"""A recording stand-in for the ``elasticsearch.Elasticsearch`` client, for the machines that
cannot run a server (this one among them).

It records every call with its arguments, keeps indices, aliases and documents in memory the
way a server would (bulk actions applied, aliases resolved, ``require_alias`` honoured, an index
auto-created by a write to a missing name), answers searches with a response the test chooses,
and raises the error a test asks for: ``fail("search", connection_error())``. It does not
analyse text: what the server would match is the contract tests' business (``make test-es``)."""

from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig
from elasticsearch import ApiError, ConnectionError
from elasticsearch.exceptions import HTTP_EXCEPTIONS

from search.models import DocumentPlace, SearchDocument
from search.sync import with_places

EMPTY_RESPONSE = {"hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}}


def connection_error():
    """What the client raises when nothing listens at ELASTICSEARCH_URL."""
    refused = ConnectionRefusedError(111, "Connection refused")
    return ConnectionError(str(refused), errors=(refused,))


def api_error(status, error_type, reason="refused"):
    """The exception the client raises for an error answer ``status``."""
    meta = ApiResponseMeta(
        status=status,
        http_version="1.1",
        headers=HttpHeaders(),
        duration=0.0,
        node=NodeConfig("http", "localhost", 9200),
    )
    error = {"type": error_type, "reason": reason}
    body = {"error": {**error, "root_cause": [error]}, "status": status}
    return HTTP_EXCEPTIONS.get(status, ApiError)(message=error_type, meta=meta, body=body)


def search_response(keys, total=None, aggregations=None):
    """A search answer with the hits ``keys`` (best first)."""
    return {
        "hits": {
            "total": {"value": len(keys) if total is None else total, "relation": "eq"},
            "hits": [{"_id": key, "_score": 1.0} for key in keys],
        },
        "aggregations": aggregations or {},
    }


class FakeElasticsearch:
    def __init__(self):
        self.calls = []  # (method, arguments), in order
        self.stored = {}  # concrete index → {id: source}
        self.aliases = {}  # alias → set of concrete indices
        self.failures = {}  # method → exception raised by every call to it
        self.refusals = {}  # document id → error type of the bulk item
        self.response = EMPTY_RESPONSE
        self.indices = FakeIndices(self)

    # What the tests use.

    def fail(self, method, error):
        """Make every call to ``method`` ("search", "bulk", "indices.create"…) raise."""
        self.failures[method] = error

    def recover(self):
        self.failures.clear()
        self.refusals.clear()

    def refuse(self, key, error_type="document_parsing_exception"):
        """Make bulk actions on the document ``key`` fail (item-level error, status 400)."""
        self.refusals[key] = error_type

    def made(self, method):
        """The arguments of every call to ``method``, in order."""
        return [arguments for name, arguments in self.calls if name == method]

    def alias(self, alias, index, documents=None):
        """Start with ``alias`` pointing to the index ``index`` holding ``documents``."""
        self.stored[index] = dict(documents or {})
        self.aliases[alias] = {index}

    def methods(self):
        return [name for name, _arguments in self.calls]

    def documents(self, name):
        """{id: source} of the index or alias ``name``."""
        return self.stored[self.resolve(name)]

    # The server.

    def record(self, method, **arguments):
        self.calls.append((method, arguments))
        if method in self.failures:
            raise self.failures[method]

    def resolve(self, name, require_alias=False):
        """The concrete index behind ``name``; None if there is none."""
        if name in self.aliases:
            (index,) = self.aliases[name]
            return index
        if require_alias or name not in self.stored:
            return None
        return name

    def search(self, *, index, body):
        self.record("search", index=index, body=body)
        if self.resolve(index) is None:
            raise api_error(404, "index_not_found_exception", f"no such index [{index}]")
        return self.response

    def bulk(self, *, operations, index=None, refresh=None, require_alias=None):
        self.record(
            "bulk",
            operations=operations,
            index=index,
            refresh=refresh,
            require_alias=require_alias,
        )
        target = self.resolve(index, require_alias)
        if target is None and not require_alias:
            target = index  # a write to a missing name creates an index (dynamic mapping)
            self.stored[target] = {}
        items = []
        actions = iter(operations)
        for action in actions:
            ((kind, meta),) = action.items()
            key = meta["_id"]
            source = next(actions) if kind == "index" else None
            items.append({kind: self._apply(target, kind, key, source)})
        errors = any("error" in result for item in items for result in item.values())
        return {"errors": errors, "items": items}

    def _apply(self, target, kind, key, source):
        result = {"_id": key, "_index": target}
        if target is None:
            reason = "no such index and [require_alias] request flag is [true]"
            return {
                **result,
                "status": 404,
                "error": {"type": "index_not_found_exception", "reason": reason},
            }
        if key in self.refusals:
            return {
                **result,
                "status": 400,
                "error": {"type": self.refusals[key], "reason": "refused"},
            }
        documents = self.stored[target]
        if kind == "index":
            documents[key] = source
            return {**result, "status": 200, "result": "updated"}
        if documents.pop(key, None) is None:
            return {**result, "status": 404, "result": "not_found"}
        return {**result, "status": 200, "result": "deleted"}


class FakeIndices:
    """``client.indices``."""

    def __init__(self, client):
        self.client = client

    def create(self, *, index, settings=None, mappings=None):
        self.client.record("indices.create", index=index, settings=settings, mappings=mappings)
        if index in self.client.stored or index in self.client.aliases:
            raise api_error(400, "resource_already_exists_exception", f"index [{index}] exists")
        self.client.stored[index] = {}
        return {"acknowledged": True, "index": index}

    def refresh(self, *, index):
        self.client.record("indices.refresh", index=index)
        return {}

    def get_alias(self, *, index):
        self.client.record("indices.get_alias", index=index)
        if index in self.client.aliases:
            return {name: {"aliases": {index: {}}} for name in self.client.aliases[index]}
        if index in self.client.stored:
            return {index: {"aliases": {}}}
        raise api_error(404, "index_not_found_exception", f"no such index [{index}]")

    def update_aliases(self, *, actions):
        """All actions or none, as the server applies them."""
        self.client.record("indices.update_aliases", actions=actions)
        aliases = {alias: set(names) for alias, names in self.client.aliases.items()}
        stored = dict(self.client.stored)
        for action in actions:
            ((kind, target),) = action.items()
            if target["index"] not in stored:
                raise api_error(404, "index_not_found_exception", target["index"])
            if kind == "add":
                aliases.setdefault(target["alias"], set()).add(target["index"])
            elif kind == "remove":
                if target["index"] not in aliases.get(target["alias"], ()):
                    raise api_error(404, "aliases_not_found_exception", target["alias"])
                aliases[target["alias"]].remove(target["index"])
            elif kind == "remove_index":
                del stored[target["index"]]
        for alias, names in aliases.items():
            if alias in stored:
                raise api_error(400, "invalid_alias_name_exception", f"an index is named {alias}")
            if len(names) > 1:
                raise api_error(400, "illegal_argument_exception", f"{alias} has several indices")
        self.client.aliases = {alias: names for alias, names in aliases.items() if names}
        self.client.stored = stored
        return {"acknowledged": True}

    def delete(self, *, index):
        self.client.record("indices.delete", index=index)
        names = [index] if isinstance(index, str) else list(index)
        missing = [name for name in names if name not in self.client.stored]
        if missing:
            raise api_error(404, "index_not_found_exception", f"no such index {missing}")
        for name in names:
            del self.client.stored[name]
            for members in self.client.aliases.values():
                members.discard(name)
        self.client.aliases = {a: names for a, names in self.client.aliases.items() if names}
        return {"acknowledged": True}


# What the tests set around the fake.

ALIAS = "aac-test"


def install(monkeypatch, settings):
    """Search on Elasticsearch through a new fake: returns it."""
    fake = FakeElasticsearch()
    monkeypatch.setattr("search.engines.elasticsearch.make_client", lambda: fake)
    settings.SEARCH_ENGINE = "elasticsearch"
    settings.SEARCH_ELASTICSEARCH_INDEX = ALIAS
    settings.SEARCH_ELASTICSEARCH_REFRESH = True
    return fake


def saved_row(key, title, *, territories=(), enjeux=(), **fields):
    """A SearchDocument row with its places, read back as the engines receive rows (its
    ``links`` prefetched). Wagtail's signal handlers index it in the database engine."""
    fields = {"kind": "initiative", "url": f"/{key}/", **fields}
    row = SearchDocument.objects.create(key=key, title=title, **fields)
    DocumentPlace.objects.bulk_create(
        [DocumentPlace(document=row, relation="territory", page=page) for page in territories]
        + [DocumentPlace(document=row, relation="enjeu", page=page) for page in enjeux]
    )
    return with_places(SearchDocument.objects.filter(pk=row.pk)).get()
