"""Page panels: what plugins show in the slots of the core's pages.

A page names a slot (``territory``, ``enjeu``…); every function registered under the
:data:`cms_pages.extension_points.PAGE_PANELS` hook returns the panels it adds to that slot,
and the page renders them with ``{% panels "slot" %}`` (``cms_pages.templatetags.panel_tags``).
A panel is a laces component: a template, its context, an ``order`` within the slot, the CSS
and JavaScript it needs (``media``, output in ``<head>``) and the most SQL queries it may run
(``query_budget``, checked by the tests). The core never names a plugin: a plugin switched
off registers nothing, and its places stay empty.
"""

from django.forms import Media
from laces.components import Component, MediaContainer
from wagtail import hooks

from cms_pages.extension_points import PAGE_PANELS
from cms_pages.page_cache.versions import learn

# The core's pages and their places, plus the slots of plugins' own pages that other plugins
# fill (an initiative's discussions, what a contribution became), a citizen's profile and
# the parts of every page: header, main navigation and footer; and the search page (its
# ``no-result`` area when nothing is found); and the privacy notice, where each plugin says
# what personal data it keeps.
SLOTS = (
    "home",
    "territory",
    "enjeu",
    "event",
    "initiative",
    "contribution",
    "profile",
    "search",
    "header",
    "navigation",
    "footer",
    "privacy",
)
# Built for every page by the theme's context processor.
CHROME_SLOTS = ("header", "navigation", "footer")


class PagePanel(Component):
    """One panel of a slot.

    ``page`` is what the slot belongs to (a page, a contribution, the citizen of a profile;
    None in the header, navigation and footer), ``request`` the current request. The
    template receives the calling template's context plus ``panel`` and what
    :meth:`get_context_data` adds. ``area`` picks a place within the slot when its page has
    several (``{% panels "territory" area="overview" %}``); the default area is ``""``.
    A panel without a template renders nothing and only brings its media.
    """

    template_name = None
    order = 100
    area = ""
    # At most this many SQL queries to render the panel (asserted by the tests).
    query_budget = 0

    def __init__(self, slot, page=None, request=None):
        self.slot = slot
        self.page = page
        self.request = request
        learn(request, *self.cache_keys())

    def cache_keys(self):
        """The version keys (``cms_pages.page_cache``) of what the panel shows, beyond its
        page's own key (``page:<id>``, which its page depends on already): a cached page
        showing the panel is stale once one of them is bumped."""
        return ()

    def get_context_data(self, parent_context=None):
        if parent_context is None:
            context = {}
        elif hasattr(parent_context, "flatten"):
            context = parent_context.flatten()
        else:
            context = dict(parent_context)
        context["panel"] = self
        context.setdefault("request", self.request)
        return context

    def render_html(self, parent_context=None):
        if not self.template_name:
            return ""
        return super().render_html(parent_context)

    def __repr__(self):
        return f"<{type(self).__name__} {self.slot!r} order={self.order}>"


def build_panels(slot, page=None, request=None):
    """The panels every registered function gives for ``slot``, sorted by ``order``."""
    if slot not in SLOTS:
        raise ValueError(f"Unknown page slot {slot!r}; the slots are {', '.join(SLOTS)}.")
    panels = []
    for fn in hooks.get_hooks(PAGE_PANELS):
        panels.extend(fn(slot, page, request) or ())
    return sorted(panels, key=lambda panel: panel.order)


def merged_media(*panel_lists):
    """The CSS and JavaScript of every panel of ``panel_lists``, merged (each file once)."""
    container = MediaContainer()
    for panels in panel_lists:
        container.extend(panels)
    return container.media if container else Media()


class SlotPanels:
    """The panels of some slots for one page and request, each slot built on first use.

    Reads like the ``panels`` dict a page puts in its context (``slot`` → list), so the
    theme's context processor offers the header, navigation and footer of every page, plain
    Django views included, without building them when a template does not show them.
    """

    def __init__(self, slots, page=None, request=None):
        self.slots = tuple(slots)
        self.page = page
        self.request = request
        self._built = {}

    def __contains__(self, slot):
        return slot in self.slots

    def __getitem__(self, slot):
        if slot not in self.slots:
            raise KeyError(slot)
        if slot not in self._built:
            self._built[slot] = build_panels(slot, self.page, self.request)
        return self._built[slot]

    @property
    def media(self):
        return merged_media(*(self[slot] for slot in self.slots))


def page_panels_context(slots, page, request):
    """What a page puts in its context for its ``slots``: ``panels`` (slot → list) and
    ``panels_media`` (their merged media, output in ``<head>`` by the base template)."""
    panels = {slot: build_panels(slot, page, request) for slot in slots}
    return {"panels": panels, "panels_media": merged_media(*panels.values())}
