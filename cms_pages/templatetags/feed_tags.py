"""The Atom feeds of the installed plugins, announced in the head of every page."""

from django import template
from django.urls import reverse
from django.utils.html import format_html_join

from cms_pages.feeds import registered_feeds

register = template.Library()


@register.simple_tag
def feed_links():
    """One ``<link rel="alternate">`` per registered feed (none with the core alone)."""
    return format_html_join(
        "\n  ",
        '<link rel="alternate" type="application/atom+xml" title="{}" href="{}">',
        (
            (feed.title, reverse("feed", kwargs={"slug": slug}))
            for slug, feed in registered_feeds().items()
        ),
    )
