"""Atom feeds: the core serves those the installed plugins register (``FEEDS``).

A feed that sets ``by_territory`` is also served for one territory,
``/flux/<slug>.atom?territoire=<territory slug>``: its ``items(territory)`` narrow to it; an
unknown territory (or a feed without territories) answers 404.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from wagtail import hooks

from theme.params import clean_text_param

from .extension_points import FEEDS
from .models import TerritoryPage

#: Entries per feed.
FEED_SIZE = 30


class AtomFeed(Feed):
    """An Atom feed of a plugin; ``slug`` names it in ``/flux/<slug>.atom``."""

    feed_type = Atom1Feed
    slug = ""
    #: Whether ``?territoire=<slug>`` narrows the feed to one territory's items.
    by_territory = False

    def link(self):
        return "/"

    def get_object(self, request, *args, **kwargs):
        """The territory of ``?territoire=``, or None for the whole platform's feed."""
        slug = clean_text_param(request.GET.get("territoire"), "territoire")
        if slug is None:
            return None
        if not self.by_territory:
            raise Http404
        territory = TerritoryPage.objects.live().public().filter(slug=slug[:255]).first()
        if territory is None:
            raise Http404
        return territory

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        if obj is not None:
            feed.feed["title"] = f"{feed.feed['title']} – {obj.title}"
        return feed


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
