"""Atom feeds: the core serves those the installed plugins register (``FEEDS``)."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from wagtail import hooks

from .extension_points import FEEDS

#: Entries per feed.
FEED_SIZE = 30


class AtomFeed(Feed):
    """An Atom feed of a plugin; ``slug`` names it in ``/flux/<slug>.atom``."""

    feed_type = Atom1Feed
    slug = ""

    def link(self):
        return "/"


def registered_feeds():
    """``{slug: Feed class}`` of every registered feed, in registration order."""
    feeds = {}
    for fn in hooks.get_hooks(FEEDS):
        for feed in fn():
            feeds[feed.slug] = feed
    return feeds


def feed(request, slug):
    """The Atom feed ``slug``, or 404 when no installed plugin gives it."""
    feed_class = registered_feeds().get(slug)
    if feed_class is None:
        raise Http404
    return feed_class()(request)
