"""The anonymous page cache: whole responses for visitors without a session, never stale.

``middleware.AnonymousPageCacheMiddleware`` answers a visitor without a session (no session
cookie, no pending message) from the ``pages`` cache, keyed by host, URL, language, htmx and
release; it stores only the responses of views that said what they show
(``versions.depends_on``) and that nobody's own data went into (no CSRF token, no cookie, no
message).

What a response shows is named by **version keys**: ``site`` (menus, footers, every page),
``page:<id>`` (a page and whatever is filed under it: a territory's or an enjeu's
contributions, an initiative's members), and the names the plugins use for their own lists
(``contributions``, ``contribution:<id>``, ``initiatives``, ``thread:<id>``…). Each key holds a
random token; a cached response keeps the tokens it was rendered with and is used only while
they are all still current. A change bumps the keys of what it touches (``versions.bump``),
at once and again after its transaction commits, so the next anonymous request renders anew.
``invalidation`` bumps them for Wagtail's page events; plugins bump theirs from their own
signals, and tell the core which keys a page of theirs affects through the
``CACHE_KEYS`` extension point.
"""
