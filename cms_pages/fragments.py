"""Parts of pages kept for every visitor, signed in or not, and never stale.

The anonymous page cache (``cms_pages.page_cache``) answers only visitors without a session;
a signed-in page is rendered every time. What such a page shares with everybody's — the
menus, the footer, a count over 100,000 contributions, a list of territories — is kept here,
in the ``pages`` cache, under a key made of:

- the **tokens of the version keys** the part depends on (``site``, ``page:<id>``,
  ``contributions``, ``thread:<id>``…, see ``cms_pages.page_cache.versions``): a bump gives
  the key a new token, so the next request misses and computes the part anew;
- the language and ``settings.RELEASE`` (other translations, other templates);
- what else the part varies on (a query string, a site…), given by the caller.

The tokens are read *before* the part is computed: a change that commits meanwhile bumps its
keys again after its commit, so a part computed from older rows is stored under tokens that
are already stale and never read. Nothing of one person may go into a part (their name, their
permissions, a CSRF token): a rendered fragment holding a CSRF token is not stored.

``cached(name, keys, compute, vary=…)`` keeps a value (counts, rows); the template tag
``{% fragment %}`` (``cms_pages.templatetags.fragment_cache``) keeps HTML through it.
"""

import hashlib

from django.conf import settings
from django.core.paginator import Paginator
from django.utils import translation

from cms_pages.page_cache import versions

# What a form's CSRF token looks like in HTML: a fragment holding one is someone's own.
CSRF_MARKER = "csrfmiddlewaretoken"


def cache_key(name, keys, vary=()):
    """The cache key of the part ``name`` for the current tokens of ``keys``, the current
    language and release, and ``vary``. ``site`` always counts: bumping it makes every part
    stale, as it does every cached page (an account deleted, Redis answering again)."""
    keys = [versions.SITE, *(key for key in keys if key != versions.SITE)]
    tokens = versions.current(keys)
    parts = [
        settings.RELEASE,
        translation.get_language() or "",
        *(f"{key}={tokens[key]}" for key in keys),
        *(str(value) for value in vary),
    ]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    return f"fragment:{name}:{digest}"


_MISSING = object()


def _timeout():
    # What only time changes (« il y a 3 minutes », an event now past) lasts no longer than
    # in the page cache.
    return settings.PAGE_CACHE_SECONDS


def cached(name, keys, compute, *, vary=(), request=None, keep=None):
    """``compute()``, or what it gave last time for the same tokens of ``keys``, language,
    release and ``vary``. ``request``, when given, learns the keys too (a page cached for
    visitors shows the part). ``keep(value)`` false: the value is used but not stored."""
    keys = list(keys)
    if request is not None:
        versions.learn(request, *keys)
    key = cache_key(name, keys, vary)
    store = versions.cache()
    value = store.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        if keep is None or keep(value):
            store.set(key, value, _timeout())
    return value


def shared_html(html):
    """Whether rendered ``html`` may be kept for everybody: it holds no CSRF token."""
    return CSRF_MARKER not in html


class CountedPaginator(Paginator):
    """A paginator told how many objects it pages (a count kept by ``cached``) instead of
    counting them: counting is what a page of a long list costs most."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.count = count
