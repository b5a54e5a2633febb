"""The Atom feeds of the installed plugins, announced in the head of every page; a territory's
page announces its own feeds too (``?territoire=<slug>``)."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import format_html_join

from cms_pages.feeds import registered_feeds
from cms_pages.models import TerritoryPage

register = template.Library()


@register.simple_tag(takes_context=True)
def feed_links(context=None):
    """One ``<link rel="alternate">`` per registered feed (none with the core alone), then, on
    a territory's page, one per feed that narrows to a territory."""
    feeds = registered_feeds()
    links = [(feed.title, reverse("feed", kwargs={"slug": slug})) for slug, feed in feeds.items()]
    page = context.get("page") if context is not None else None
    if isinstance(page, TerritoryPage):
        query = urlencode({"territoire": page.slug})
        links += [
            (f"{feed.title} – {page.title}", f"{reverse('feed', kwargs={'slug': slug})}?{query}")
            for slug, feed in feeds.items()
            if feed.by_territory
        ]
    return format_html_join(
        "\n  ",
        '<link rel="alternate" type="application/atom+xml" title="{}" href="{}">',
        links,
    )
