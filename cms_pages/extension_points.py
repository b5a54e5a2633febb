"""Every extension point of the platform, in one place.

The core (``cms_pages``, ``accounts``, ``moderation``, ``outbox``, ``theme``) names slots;
plugins fill them. A plugin registers with ``wagtail.hooks.register(NAME)`` in its
``wagtail_hooks.py`` (Wagtail imports those modules once per process), so the core never
imports a plugin and a plugin switched off simply registers nothing. Hook functions may be
ordered with ``hooks.register(NAME, fn, order=N)``.

Each constant below is a hook name; its docstring says what a registered function receives
and returns, and who calls it.
"""

PAGE_PANELS = "register_page_panels"
"""Panels shown in a page slot.

``fn(slot, page, request)`` returns an iterable of :class:`cms_pages.panels.PagePanel`
(laces components with a template, context, ``order``, ``media`` and ``query_budget``), or
nothing, for ``slot`` in :data:`cms_pages.panels.SLOTS`: home, territory, enjeu, event,
initiative, profile, header, navigation, footer. Pages build their panels in
``get_context`` (so their media reach ``<head>``) and render them with
``{% panels "slot" %}``; the header, navigation and footer slots are built by the
``theme.context_processors.site_chrome`` context processor for every page.
"""

DEMO_CONTENT = "load_demo_content"
"""A demo loader: ``fn(stdout)`` adds the plugin's demo content, idempotently.

``manage.py load_demo_content`` runs the core's pages first, then every registered loader in
``order`` (consultation 100, initiatives 200, forums 300, search 900: the index is rebuilt
last).
"""

REPORTABLE = "register_reportable"
"""What citizens can report: ``fn()`` returns a :class:`moderation.registry.Reportable`
(the model, how to find a visible target, how to hide it, where it lives). The generic
report view, the reason checks and the moderators' queue of ``moderation`` serve them all.
"""

SEARCH_PAGE_DOCUMENTS = "describe_search_documents"
"""Search documents of the core's own pages, as plain data: ``fn()`` returns an iterable of
dicts (``model``, ``kind``, ``fields`` …) that the ``search`` plugin turns into sources, so
the core imports nothing of ``search``. Plugins register their sources with
``search.registry`` directly, in their ``search_documents.py``.
"""

SEARCH_FACETS = "describe_search_facets"
"""Search facets as plain data: ``fn()`` returns an iterable of dicts (``name``, ``label``,
``choices`` callable) read by the ``search`` plugin's form and views.
"""

SITEMAP_ITEMS = "register_sitemap"
"""Sitemap sections: ``fn()`` returns ``(name, django.contrib.sitemaps.Sitemap)`` pairs added
to ``/sitemap.xml`` beside the live Wagtail pages.
"""

FEEDS = "register_feeds"
"""Atom feeds: ``fn()`` returns ``(slug, django.contrib.syndication.views.Feed)`` pairs served
at ``/flux/<slug>.atom`` and listed in the head of every page.
"""

PERSONAL_DATA = "register_personal_data"
"""A plugin's part of a citizen's personal data: ``fn()`` returns an object with
``label``, ``export(user) -> dict`` (what the plugin holds about the user, JSON-ready) and
``erase(user)`` (anonymise what must stay, delete the rest).
"""

CACHE_KEYS = "register_cache_keys"
"""Cache invalidation: ``fn(instance)`` returns the cache keys (URL paths) a change of
``instance`` makes stale, or nothing when the instance is not the plugin's.
"""

CONVERSATION_OWNERS = "register_conversation_owner"
"""Owners of private conversations (an initiative's porteurs, a structure's members):
``fn()`` returns ``(model, members(instance) -> queryset of users)``.
"""

THREAD_OWNERS = "register_thread_owner"
"""Pages that carry discussion threads (offered by the ``forums`` plugin): ``fn()`` returns a plain
dict — the page model, its access policy (who reads, who posts) — so the owner never imports
forums and forums names no other plugin.
"""
