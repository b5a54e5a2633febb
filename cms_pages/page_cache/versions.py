"""Version keys: what a cached response depends on, and the bump that makes it stale.

A key holds a token, the time of its last bump and a random part, rather than a counter: a
key evicted from the cache comes back with a new token, so an entry rendered before the
eviction can never match it again. The time tells the page cache whether a key was bumped
while a response was being rendered: such a response may hold rows older than its tokens, so
it is not stored.
"""

import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

#: What every page shows: menus, footers, the territories' and enjeux' names and links.
SITE = "site"


def cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _store_key(name):
    return f"version:{name}"


def current(names):
    """``{name: token}`` for the version keys ``names``: one cache round trip, more only
    the first time a key is read (or after it was evicted)."""
    names = list(dict.fromkeys(names))
    found = cache().get_many([_store_key(name) for name in names])
    tokens = {}
    for name in names:
        token = found.get(_store_key(name))
        if token is None:
            token = _first_token(name)
        tokens[name] = token
    return tokens


def _first_token(name):
    """A key never bumped (or evicted) gets a token dated 0: it was not bumped during any
    rendering. ``add`` only: a bump that got there first wins, and its token is returned."""
    token = f"0:{uuid.uuid4().hex[:12]}"
    if cache().add(_store_key(name), token, timeout=None):
        return token
    return cache().get(_store_key(name)) or new_token()


def new_token():
    return f"{time.time_ns()}:{uuid.uuid4().hex[:12]}"


def bumped_at(token):
    """When the key of ``token`` was last bumped, in nanoseconds since the epoch."""
    return int(token.partition(":")[0])


def _renew(names):
    cache().set_many({_store_key(name): new_token() for name in names}, timeout=None)


def renew_everything():
    """Make every cached response stale (each depends on ``SITE``)."""
    _renew([SITE])


def bump(*names):
    """Make every response that depends on one of ``names`` stale: now, and once more after
    the current transaction commits (a response rendered meanwhile from the old rows would
    otherwise be stored under the new tokens)."""
    names = sorted({name for name in names if name})
    if not names:
        return
    _renew(names)
    transaction.on_commit(lambda: _renew(names), robust=True)


def page_key(page_id):
    return f"page:{page_id}"


def depends_on(request, *names):
    """Record that the response to ``request`` shows what the version keys ``names`` stand
    for. Only requests the page cache may store keep the record (a signed-in request does
    nothing here); a view that never calls it is never stored."""
    dependencies = getattr(request, "page_cache", None)
    if dependencies is not None and names:
        dependencies.add(names)
        dependencies.named = True


def learn(request, *names):
    """Record version keys a part of the response shows (a fragment kept for everyone, a
    panel) without saying the whole response may be stored: only the view decides that,
    with ``depends_on``."""
    dependencies = getattr(request, "page_cache", None)
    if dependencies is not None and names:
        dependencies.add(names)


class Dependencies:
    """The version keys a response depends on and their tokens, read while it is rendered.

    A token may be read after the rows it stands for, so a response is kept only when none of
    its keys was bumped since the request began: otherwise it might show rows older than its
    tokens say. ``PAGE_CACHE_CLOCK_SKEW`` seconds are added for servers whose clocks differ.
    """

    def __init__(self):
        skew = settings.PAGE_CACHE_CLOCK_SKEW
        self.started = time.time_ns() - int(skew * 1_000_000_000)
        self.tokens = {}
        # Set by the first ``depends_on``: the view said what it shows.
        self.named = False

    def add(self, names):
        missing = [name for name in names if name not in self.tokens]
        if missing:
            self.tokens.update(current(missing))

    def settled(self):
        return all(bumped_at(token) < self.started for token in self.tokens.values())
