"""``{% panels "slot" %}``: the panels that plugins register for a slot of a page.

The page built them in its context (``panels``: slot → list, see
``cms_pages.panels.page_panels_context``), or the theme's context processor offers them
(``chrome_panels``: header, navigation, footer); otherwise they are built here, once per
template rendering. ``{% panels_media %}`` outputs, in ``<head>``, the CSS and JavaScript of
the page's panels and of the chrome's.
"""

from django import template
from django.utils.html import format_html_join

from cms_pages.panels import CHROME_SLOTS, SLOTS, SlotPanels, merged_media

register = template.Library()

LAZY_KEY = "_lazy_panels"


def _lazy(context, slots):
    """Panels of ``slots`` built on first use, kept for the rest of this rendering."""
    store = context.dicts[0].setdefault(LAZY_KEY, {})
    key = tuple(slots)
    if key not in store:
        store[key] = SlotPanels(slots, context.get("page"), context.get("request"))
    return store[key]


def slot_panels(context, slot):
    """The panels of ``slot`` for the page being rendered."""
    for name in ("panels", "chrome_panels"):
        built = context.get(name)
        if built is not None and slot in built:
            return built[slot]
    return _lazy(context, SLOTS)[slot]


@register.simple_tag(takes_context=True)
def panels(context, slot, area=""):
    """Render the panels of ``slot`` (those of ``area`` when the page has several places for
    it), in their order."""
    return format_html_join(
        "",
        "{}",
        (
            (panel.render_html(context),)
            for panel in slot_panels(context, slot)
            if panel.area == area
        ),
    )


@register.simple_tag(takes_context=True)
def panels_media(context):
    """The ``<link>`` and ``<script>`` elements of the chrome's panels and of the page's."""
    chrome = context.get("chrome_panels")
    if chrome is None:
        chrome = _lazy(context, CHROME_SLOTS)
    media = chrome.media
    page_media = context.get("panels_media")
    if page_media is None and isinstance(context.get("panels"), dict):
        page_media = merged_media(*context["panels"].values())
    if page_media is not None:
        media += page_media
    return media.render()
