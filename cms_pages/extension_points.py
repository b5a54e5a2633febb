"""Every extension point of the platform, in one place.

The core (``cms_pages``, ``accounts``, ``moderation``, ``outbox``, ``theme``) names slots;
plugins fill them. A plugin registers with ``wagtail.hooks.register(NAME)`` in its
``wagtail_hooks.py`` (Wagtail imports those modules once per process), so the core never
imports a plugin and a plugin switched off simply registers nothing. Hook functions may be
ordered with ``hooks.register(NAME, fn, order=N)``.

Each constant below is a hook name; its docstring says what a registered function receives
and returns, and who calls it. ``objects_changed``, at the end, is a signal.
"""

from django.dispatch import Signal

PAGE_PANELS = "register_page_panels"
"""Panels shown in a page slot.

``fn(slot, page, request)`` returns an iterable of :class:`cms_pages.panels.PagePanel`
(laces components with a template, context, ``order``, ``area``, ``media`` and
``query_budget``), or nothing, for ``slot`` in :data:`cms_pages.panels.SLOTS`: home,
territory, enjeu, event (the core's pages), initiative, contribution (plugins' pages that
other plugins fill), profile (``page`` is the citizen), search (the search page, ``page``
is None; its ``no-result`` area is shown when nothing is found), header, navigation, footer
(``page`` is None), privacy (the privacy notice, ``accounts.privacy``, ``page`` is None: a
section saying what personal data the plugin keeps, why, on which legal basis, who sees it
and how long; its template gets the notice's ``periods``). Pages build their panels in
``get_context`` (``BasePage.panel_slot``, or ``cms_pages.panels.page_panels_context`` in a
view, so their media reach ``<head>``) and
render them with ``{% load panel_tags %}{% panels "slot" %}`` — ``{% panels "slot"
area="…" %}`` for a panel's ``area`` when a page has several places for the slot (a
territory's ``overview``, the home page's ``intro``, the header's ``account`` menu). The
header, navigation and footer slots are built lazily by the
``theme.context_processors.site_chrome`` context processor for every page
(``chrome_panels``); ``{% panels_media %}`` in the base template outputs the CSS and
JavaScript of all of them.
"""

DEMO_CONTENT = "load_demo_content"
"""A demo loader: ``fn(stdout)`` adds the plugin's demo content, idempotently.

``manage.py load_demo_content`` runs the core's pages first, then every registered loader in
``order`` (consultation 100, initiatives 200, forums 300, search 900: the index is rebuilt
last).
"""

REPORTABLE = "register_reportable"
"""What citizens can report: ``fn()`` returns a :class:`moderation.registry.Reportable`
(the model, how to find a target the user may see and who may report it, the report page's
texts, where the target lives, and how many distinct reporters hide it pending review, and
how). ``moderation.registry`` reads the hook on every call, keyed by the model's label
(``app.model``); the plugin's report URL names that key for the generic view
(``path(…, moderation.views.report, {"reportable": "app.model"}, name=…)``). The report
form, the filing of reports (``moderation.reports``), the audit log and the moderators'
queue of reports in the admin serve them all.
"""

MODERATION_QUEUES = "register_moderation_queue"
"""A queue of things waiting for the moderators, summed up on the admin dashboard: ``fn()``
returns a :class:`moderation.queues.ModerationQueue` (``label``, ``count(user)``, ``url``,
``shown_to(user)``, ``order``), or nothing. The core's ``moderation`` app owns the one
dashboard panel (hook ``construct_homepage_panels``) that lists, for the user, every queue
shown to them with its count and a link; it names no plugin. The core gives the open
reports; consultation the pending contributions, forums the comments to review, initiatives
the initiatives awaiting validation. ``count`` runs one bounded query.
"""

SEARCH_PAGE_DOCUMENTS = "describe_search_documents"
"""Search documents of the core's own pages, as plain data, so the core imports nothing of
``search``: ``fn()`` returns an iterable of dicts, each turned into a source by
``search.registry`` (read at each use, so ``hooks.register_temporarily`` works):

- ``model``: the page model; ``kinds``: ``{kind: label}`` (the type facet, the result cards);
- ``public()``: a queryset of every page anyone may read (live, outside view restrictions);
  a page has a document only while it is in it;
- ``document(page)``: a dict of the document's fields: ``kind``, ``title``, ``url``, ``text``
  (a list of parts: plain strings, ``wagtail.rich_text.RichText`` values, StreamField values;
  the search reads their words), and optionally ``tags``, ``territories`` and ``enjeux`` (page
  ids), ``maturity``, ``date``, ``point`` (latitude, longitude);
- optional ``batch(queryset)`` (select/prefetch for many documents at once) and ``labels``
  (``{facet: {value: label}}``).

Plugins register their sources with ``search.registry`` directly, in their
``search_documents.py``, and there declare what the core's documents carry of theirs:
``search.registry.register_dependants(model, fn)`` (forums: an enjeu's threads).
"""

SEARCH_FACETS = "describe_search_facets"
"""The choices of the search's page facets, as plain data: ``fn()`` returns an iterable of
dicts ``{"name": "territory" | "enjeu", "pages": callable}`` where ``pages()`` returns a
queryset of the pages that may be chosen (live, outside view restrictions); the search reads
only their id, title and URL. A chosen or counted page outside it is never named; a page
facet nobody describes is not offered. The search lists the ``enjeu`` facet's pages when a
search finds nothing. The type and maturity facets come from the sources' ``kinds`` and
``labels``.
"""

SITEMAP_ITEMS = "register_sitemap"
"""Sitemap sections: ``fn()`` returns ``{name: django.contrib.sitemaps.Sitemap}`` (a class or
an instance) added to ``/sitemap.xml`` after the live public pages (``cms_pages.sitemaps``).
Only what anyone may read: consultation gives the published contributions, forums the public
threads.
"""

UNLISTED_PAGES = "register_unlisted_pages"
"""Live public pages that stay readable at their URL but leave the core's lists (the sitemap,
the API's listing; ``cms_pages.visibility.without_unlisted``): ``fn()`` returns a queryset of
their ids (``values("pk")``), read as a subquery. A plugin's own lists leave them out by
themselves: initiatives register those waiting for a new porteur.
"""

FEEDS = "register_feeds"
"""Atom feeds: ``fn()`` returns a list of :class:`cms_pages.feeds.AtomFeed` subclasses, each
served at ``/flux/<slug>.atom`` (its ``slug``) and announced by a ``<link rel="alternate">``
in the head of every page. Only what anyone may read. A feed that sets ``by_territory``
takes the territory in ``items(territory)`` and is also served (and announced on the
territory's page) as ``/flux/<slug>.atom?territoire=<territory slug>``.
"""

PERSONAL_DATA = "register_personal_data"
"""A plugin's part of a citizen's personal data (RGPD): ``fn()`` returns an
:class:`accounts.personal_data.PersonalDataPart` (plugins may import it) with

- ``key``: a stable name, the part's key in the export (``"consultation"``, ``"forums"``…),
  unique across parts (the core's own are ``account`` and ``reports``);
- ``label``: what the part is, to a reader (translated);
- ``export(user)``: what the plugin holds about ``user`` and only about them — never another
  person's data (not the other members of an initiative) — as a JSON-ready dict or list
  (dates as ISO 8601 strings: ``accounts.personal_data.iso``), in a number of queries that
  does not grow with the amount of data;
- ``erase(user)`` (optional): the plugin's share of deleting the account, called by
  ``accounts.erasure.delete_account`` inside its transaction, after the core's parts and
  before the account row is deleted. It leaves nothing that names or identifies the person:
  it deletes what was only theirs (follows, « moi aussi », memberships, drafts…) and detaches
  and anonymises what stays public (contributions, threads, comments, by
  ``accounts.erasure.former_participant()``); it never fails on a user with no data, and its
  queries do not grow with the data (bulk updates and deletes).

``accounts.personal_data.export_personal_data(user)`` (and ``manage.py export_personal_data
EMAIL [--output FILE]``) returns ``{"exported_at": …, "parts": {key: {"label": …, "data":
export(user)}}}``, the core's parts first.
"""

CACHE_KEYS = "register_cache_keys"
"""The anonymous page cache (``cms_pages.page_cache``): ``fn(instance)`` returns the version
keys a change of ``instance`` makes stale (``contributions``, ``page:<id>`` of the pages that
show it…), or nothing when the instance is not the plugin's. Called for every page published,
unpublished, moved or deleted, and for the objects of the models a plugin watches
(``cms_pages.page_cache.invalidation.watch(Model)``, in its ``AppConfig.ready``): as they were
before a save and as they are after it, before a deletion, on many-to-many changes and on
``objects_changed``. Views say what they show with ``versions.depends_on(request, key…)``
before reading rows; panels with their ``cache_keys()``.
"""

CONVERSATION_OWNERS = "register_conversation_owner"
"""Declared for the private conversations (not used yet). Owners of private conversations
(an initiative's porteurs, a structure's members): ``fn()`` returns ``(model,
members(instance) -> queryset of users)``.
"""

THREAD_OWNERS = "register_thread_owner"
"""Pages that carry discussion threads (offered by the ``forums`` plugin): ``fn()`` returns a
plain dict, so the owner never imports forums and forums names no other plugin. Required:
``model`` (the page model), ``kind`` (names the URLs ``forums:<kind>-forum``, ``-new-thread``,
``-thread``), ``route`` (URL prefix before ``discussions/``), ``url_kwargs(page)``,
``get_page(request, **route kwargs)`` (404 if not visible), ``can_read(user, page)``,
``public(queryset)`` (the pages anyone sees). Optional: ``can_post(user, page)``,
``can_moderate(user, page)``, members-only threads with ``is_member(user, page)``,
``member_pages(user)`` and ``members(page)``, ``private_readers(page)``, ``private_url(page)``,
``with_territory``, and for the search ``places(page)`` and ``prefetch(queryset)``. The enjeux
are built into forums; see ``forums.owners`` for the details.
"""

objects_changed = Signal()
"""Objects changed without Django's model signals (a ``bulk_create``, a queryset ``update``):
the app that changed them sends ``objects_changed.send(sender=model, pks=[...])``, so that
whatever keeps a copy of them follows (the ``search`` plugin refreshes their documents once
the transaction commits).
"""
