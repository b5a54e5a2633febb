"""No server error on bad input, anywhere: every URL pattern of the site (walked from the root
URLconf, so a new view is fuzzed without being listed), its path filled with demo values and
with hostile ones, its known query parameters given hostile values (NUL, superscript digits,
huge and negative numbers, long strings, quotes, ``%``, other scripts), as an anonymous visitor
and as a logged-in citizen (a porteur of a demo initiative). Any answer below 500 is fine; an
exception or a 5xx fails (issue 14, defect 7; the site has no OpenAPI schema to fuzz from).

Derandomised and bounded: the same requests every run, the file within a minute on SQLite. The
NUL-byte cases that only fail on PostgreSQL have their own test, marked ``postgres``.
"""

import re
import time
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Page

from cms_pages.feeds import registered_feeds
from consultation.models import Contribution
from forums.models import Comment, Thread
from initiatives.models import InitiativePage, Membership

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
#: The values the sweep gives every parameter of every endpoint (all its parameters at once).
SWEEP = ["\x00", "²³", HUGE, "-1", "١٢", "\"'%<é>🙂" + "x" * 3000]
#: What hypothesis draws from, besides any text and any number.
HOSTILE = [
    *SWEEP,
    "a\x00b",
    "²",
    "0",
    "1e9",
    '"',
    "%",
    "%00",
    "'; --",
    " ",
    "",
]
#: What hypothesis draws from besides HOSTILE: any text (lone surrogates left out: the test
#: client cannot encode them, nor can a browser; theme.bad_input refuses them anyway), and
#: numbers of any size and sign.
HOSTILE_VALUES = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)

API_PARAMETERS = [
    "offset",
    "limit",
    "search",
    "search_operator",
    "locale",
    "type",
    "fields",
    "order",
    "child_of",
    "ancestor_of",
    "descendant_of",
    "translation_of",
    "id",
    "title",
    "slug",
    "html_path",
]
CONTRIBUTION_FILTERS = ["kind", "territoire", "enjeu", "evenement", "du", "au", "page"]
INITIATIVE_FILTERS = ["territoire", "enjeu", "maturite", "finalite", "organisation", "page"]
MAP = ["bbox", "zoom"]
SEARCH = ["q", "type", "territoire", "enjeu", "maturite", "page"]
#: The query parameters each view reads (grep ``request.GET`` and the filter and search forms).
PARAMETERS = {
    "wagtailapi:pages:listing": API_PARAMETERS,
    "wagtailapi:pages:detail": ["fields", "type"],
    "wagtailapi:pages:find": ["html_path", "id", "type"],
    "feed": ["territoire"],
    "territories-geojson": ["territoire"],
    "consultation:map": CONTRIBUTION_FILTERS,
    "consultation:geojson": CONTRIBUTION_FILTERS + MAP,
    "consultation:csv": CONTRIBUTION_FILTERS,
    "consultation:new": ["territoire", "enjeu"],
    "consultation:mine": ["page"],
    "consultation:capture": ["evenement", "territoire", "type"],
    "initiatives:new": ["inspiration"],
    "initiatives:image": ["taille", "version"],
    "initiatives:contributions-suggestions": ["q", "ids"],
    "initiatives:history": ["page"],
    "initiatives:geojson": INITIATIVE_FILTERS + MAP,
    "forums:enjeu-forum": ["page"],
    "forums:initiative-forum": ["page"],
    "forums:enjeu-thread": ["page"],
    "forums:initiative-thread": ["page"],
    "forums:comment-hide": ["next"],
    "forums:comment-restore": ["next"],
    "search:results": SEARCH,
    "search:suggestions": ["q"],
    # Wagtail's pages: territories, enjeux, the maps, the planisphère, the search page…
    "wagtail_serve": sorted({*CONTRIBUTION_FILTERS, *INITIATIVE_FILTERS, *SEARCH}),
}
#: Every endpoint also gets a parameter no view reads.
UNKNOWN = "inconnu"
#: Path values tried in place of each converter, besides the demo's.
HOSTILE_PATH = {
    "int": [HUGE, "0"],
    "slug": ["x" * 300],
    "str": ["%00", "a%22b%25"],
    "path": ["%00", "../../etc/passwd"],
    "uuid": ["00000000-0000-0000-0000-000000000000"],
}
#: Not requested: static files and media are not Django views in production.
SKIPPED = ("static/", "media/", "^media/")
#: Wagtail's admin page that raises on purpose, to test error reporting (staff only).
SKIPPED_NAMES = ("wagtailadmin_error_test",)


def walk(patterns, prefix="", namespace=""):
    """``(route, name, pattern)`` of every URL pattern under ``patterns``."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield prefix + str(pattern.pattern), name or "", pattern


CONVERTER = re.compile(r"<(?:(?P<kind>\w+):)?(?P<name>\w+)>")
NAMED_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^()]*(?:\([^()]*\)[^()]*)*\)")


def fill(route, values):
    """``route`` with each ``<kind:name>`` and ``(?P<name>…)`` replaced by ``values(kind,
    name)``; None when a regular expression is left that no value fills."""
    route = CONVERTER.sub(lambda m: values(m["kind"] or "str", m["name"]), route)
    route = NAMED_GROUP.sub(lambda m: values("regex", m["name"]), route)
    route = route.replace("^", "").replace("$", "")
    if re.search(r"[\\()\[\]*+?{}|]", route):
        return None
    return "/" + route


class Demo:
    """The demo values a path is filled with, so the view gets as far as reading its query."""

    def __init__(self, citizen_initiative):
        self.initiative = citizen_initiative
        self.contribution = Contribution.objects.published().first()
        self.page = Page.objects.live().exclude(depth=1).first()
        self.membership = Membership.objects.filter(initiative=self.initiative).first()
        self.enjeu_thread = Thread.objects.filter(page__enjeupage__isnull=False).first()
        self.initiative_thread = Thread.objects.filter(page=self.initiative).first() or (
            Thread.objects.filter(page__initiativepage__isnull=False).first()
        )
        self.comment = Comment.objects.first()

    def kwargs(self, route, name):
        """Demo values by parameter name, for the pattern ``route`` named ``name``."""
        thread = self.enjeu_thread if name.startswith("forums:enjeu") else self.initiative_thread
        pk = self.initiative.pk
        if route.startswith(("contributions/", "api/contributions")):
            pk = self.contribution.pk
        elif route.startswith("api/v2/"):
            pk = self.page.pk
        elif name.startswith("forums:initiative") and thread is not None:
            pk = thread.page_id
        return {
            "pk": pk,
            "revision_id": self.initiative.latest_revision_id,
            "membership_id": self.membership.pk if self.membership else 1,
            "action": "accepter",
            "thread_id": thread.pk if thread else 1,
            "slug": thread.slug if thread else "x",
            "enjeu_slug": thread.page.slug if thread else "x",
            "comment_id": self.comment.pk if self.comment else 1,
        }


def endpoints(demo):
    """``(url, parameters)``: see ``_endpoints``; computed once per module."""
    if not _FOUND:
        _FOUND.extend(_endpoints(demo))
    return _FOUND


_FOUND = []


def _endpoints(demo):
    found = []
    for route, name, _pattern in walk(get_resolver().url_patterns):
        if route.startswith(SKIPPED) or name in SKIPPED_NAMES:
            continue
        if name == "wagtail_serve":
            found += [(url, PARAMETERS[name]) for url in page_urls()]
            continue
        if route.startswith("admin/"):
            # The admin redirects these visitors to the login page: its patterns are filled
            # with one hostile value of each kind only (a pattern without any, as it is).
            url = fill(route, lambda kind, _key: HOSTILE_PATH.get(kind, ["x"])[0])
            found += [(url, [])] if url else []
            continue
        parameters = PARAMETERS.get(name, [])
        if name == "feed":
            fills = [{"slug": slug} for slug in registered_feeds()]
        else:
            fills = [demo.kwargs(route, name)]
        for kwargs in fills:
            url = fill(route, lambda _kind, key, kwargs=kwargs: str(kwargs.get(key, "x")))
            if url:
                found.append((url, parameters))
        for kind, values in HOSTILE_PATH.items():
            if f"<{kind}:" not in route and not (kind == "str" and "(?P<" in route):
                continue
            for value in values:
                url = fill(route, lambda _kind, _key, value=value: value)
                if url:
                    found.append((url, []))
    return found


def page_urls():
    """The URL of the first live page of each type (territory, enjeu, maps, search…)."""
    seen, urls = set(), []
    for page in Page.objects.live().specific().order_by("path"):
        if type(page) in seen or page.url is None:
            continue
        seen.add(type(page))
        urls.append(page.url)
    return urls


@pytest.fixture
def identities(shared_demo):
    """The visitor and the citizen (a porteur of a demo initiative)."""
    membership = Membership.objects.active().filter(initiative__live=True).first()
    citizen = membership.user
    assert not citizen.is_staff
    logged_in = Client()
    logged_in.force_login(citizen)
    return {"visitor": Client(), "citizen": logged_in}, Demo(
        InitiativePage.objects.get(pk=membership.initiative_id)
    )


class Requests:
    """Counts the requests and checks each answer."""

    count = 0

    @classmethod
    def get(cls, client, url, params=()):
        query = urlencode(list(params), quote_via=quote)
        target = f"{url}?{query}" if query else url
        cls.count += 1
        response = client.get(target, HTTP_ACCEPT_LANGUAGE="fr")
        assert response.status_code < 500, (target, response.status_code)
        return response


def queries(url, parameters):
    """The query strings the sweep sends to ``url``: none, then each hostile value given to
    each parameter alone on the quick endpoints (JSON, GeoJSON, CSV, feeds: one parameter's
    400 does not hide another's 500), to all the parameters at once on the HTML pages (ten
    times slower to render: hypothesis then combines them)."""
    yield []
    if not parameters:
        return
    names = [*parameters, UNKNOWN]
    for value in SWEEP:
        if url.startswith("/api/") or url.endswith(QUICK):
            yield from ([(name, value)] for name in names)
        else:
            yield [(name, value) for name in names]


#: The endpoints quick enough to be given each parameter alone (besides those under /api/).
QUICK = (".geojson", ".csv", ".atom", "suggestions", "suggestions/")


def test_every_endpoint_with_every_hostile_value(identities):
    """The sweep: each endpoint, its path filled with demo and hostile values, then its
    parameters (and an unknown one) given each hostile value. The visitor and the citizen take
    turns (each sees every endpoint; one request in two each, to stay within the time)."""
    clients, demo = identities
    clients = list(clients.values())
    started, before = time.monotonic(), Requests.count
    found = endpoints(demo)
    assert len(found) > 300  # the walk found the site's patterns, the admin's included
    turn = 0
    for url, parameters in found:
        for query in queries(url, parameters):
            turn += 1
            Requests.get(clients[turn % 2], url, query)
    print(
        f"sweep: {len(found)} URLs, {Requests.count - before} requests, "
        f"{time.monotonic() - started:.1f} s"
    )


@pytest.fixture
def fuzzed(identities):
    clients, demo = identities
    return clients, [(url, p) for url, p in endpoints(demo) if p]


@settings(
    derandomize=True,
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_hypothesis_combines_hostile_values(fuzzed, data):
    """Several parameters at once, drawn by hypothesis from any text and any number."""
    clients, found = fuzzed
    url, parameters = data.draw(st.sampled_from(found))
    query = data.draw(
        st.lists(st.tuples(st.sampled_from(parameters), HOSTILE_VALUES), min_size=1, max_size=4)
    )
    client = data.draw(st.sampled_from(sorted(clients)))
    Requests.get(clients[client], url, query)


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/api/territoires.geojson", "territoire"),
        ("/flux/initiatives.atom", "territoire"),
        ("/contributions/", "territoire"),
        ("/contributions/", "enjeu"),
        ("/initiatives/", "territoire"),
        ("/recherche/", "q"),
        ("/api/v2/pages/", "search"),
        ("/api/v2/pages/", "locale"),
        ("/api/v2/pages/", "slug"),
        ("/discussions/desabonnement/a%00b/", "x"),
    ],
)
@pytest.mark.parametrize("middleware", [True, False], ids=["safety-net", "views-alone"])
def test_nul_bytes_on_postgresql(shared_demo, settings, url, name, middleware):
    """PostgreSQL refuses NUL in any text (SQLite does not): each view refuses it by itself,
    and the safety net before them all."""
    if not middleware:
        settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "BadInput" not in m]
    client = Client(raise_request_exception=False)
    for value in ("\x00", "a\x00b"):
        response = client.get(url, {name: value})
        assert response.status_code < 500, (url, name, response.status_code)
