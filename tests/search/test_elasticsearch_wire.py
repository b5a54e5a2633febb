"""The HTTP requests the real ``elasticsearch`` client sends for the engine, caught by a local
stand-in server: the fake client only proves what the engine asks of a client; this proves the
installed client accepts those calls and turns them into the REST requests Elasticsearch
documents (paths, query parameters, bodies)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from search import french
from search.engines.base import Query
from search.engines.elasticsearch import ElasticsearchEngine, search_body
from search.models import SearchDocument
from search.sync import with_places
from tests.search.fake_elasticsearch import saved_row

pytestmark = pytest.mark.django_db
ALIAS = "aac-wire"
OLD = f"{ALIAS}-20240101000000000000"


class Recorder(BaseHTTPRequestHandler):
    """Answers like a server holding ``OLD`` behind ``ALIAS``; keeps every request."""

    requests = []

    def handle_request(self):
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode() if length else ""
        self.requests.append((self.command, url.path, parse_qs(url.query), raw))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.end_headers()
        self.wfile.write(json.dumps(self.answer(url.path, raw)).encode())

    do_GET = do_POST = do_PUT = do_DELETE = handle_request

    @staticmethod
    def answer(path, raw):
        if path.endswith("/_alias"):
            return {OLD: {"aliases": {ALIAS: {}}}}
        if path.endswith("/_bulk"):
            lines = iter(ndjson(raw))
            items = []
            for line in lines:
                ((action, meta),) = line.items()
                if action == "index":
                    next(lines)  # the document
                items.append({action: {"_id": meta["_id"], "status": 200}})
            return {"errors": False, "items": items}
        if path.endswith("/_search"):
            hits = [{"_id": "forums.thread:1", "_score": 1.0}]
            buckets = {"buckets": []}
            aggregations = dict.fromkeys(("kind", "maturity", "territory", "enjeu"), buckets)
            return {"hits": {"total": {"value": 1}, "hits": hits}, "aggregations": aggregations}
        return {"acknowledged": True}

    def log_message(self, *args):
        pass


@pytest.fixture
def server(settings):
    Recorder.requests = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{httpd.server_address[1]}"
    settings.SEARCH_ELASTICSEARCH_INDEX = ALIAS
    settings.SEARCH_ELASTICSEARCH_REFRESH = True
    yield Recorder.requests
    httpd.shutdown()
    httpd.server_close()


def ndjson(raw):
    return [json.loads(line) for line in raw.splitlines() if line]


def test_rebuild_requests(server):
    saved_row("forums.thread:1", "Un fil", latitude=47.6, longitude=6.8)
    documents = with_places(SearchDocument.objects.all())
    ElasticsearchEngine().rebuild(documents, 1, lambda done: None)
    (create, bulk, refresh, get_alias, swap, delete) = server
    new = create[1].lstrip("/")
    assert new.startswith(f"{ALIAS}-")
    assert create[0] == "PUT"
    assert json.loads(create[3]).keys() == {"settings", "mappings"}
    assert bulk[:2] == ("PUT", f"/{new}/_bulk")
    (action, source) = ndjson(bulk[3])
    assert action == {"index": {"_id": "forums.thread:1"}}
    assert source["location"] == {"lat": 47.6, "lon": 6.8}
    assert refresh[:2] == ("POST", f"/{new}/_refresh")
    assert get_alias[:2] == ("GET", f"/{ALIAS}/_alias")
    assert swap[:2] == ("POST", "/_aliases")
    assert json.loads(swap[3]) == {
        "actions": [
            {"remove": {"index": OLD, "alias": ALIAS}},
            {"add": {"index": new, "alias": ALIAS}},
        ]
    }
    assert delete[:2] == ("DELETE", f"/{OLD}")


def test_write_and_remove_requests(server):
    row = saved_row("forums.thread:1", "Un fil")
    engine = ElasticsearchEngine()
    engine.write([row])
    engine.remove(["forums.thread:2"])
    (write, remove) = server
    assert write[:2] == ("PUT", f"/{ALIAS}/_bulk")
    assert write[2] == {"require_alias": ["true"], "refresh": ["true"]}
    assert ndjson(write[3])[0] == {"index": {"_id": "forums.thread:1"}}
    assert ndjson(remove[3]) == [{"delete": {"_id": "forums.thread:2"}}]


def test_search_and_suggest_requests(server):
    chosen = Query(words=tuple(french.query_words('"école" OR 1=1 *', 200)), territory=3)
    engine = ElasticsearchEngine()
    results = engine.search(chosen)
    assert (results.keys, results.fell_back) == (["forums.thread:1"], False)
    engine.suggest(["eco"], 5)
    (search, suggest) = server
    assert search[:2] == ("POST", f"/{ALIAS}/_search")
    assert json.loads(search[3]) == search_body(chosen)
    assert json.loads(suggest[3])["size"] == 5
