"""The published initiatives as an Atom feed (their pages are in the pages' sitemap)."""

from django.utils.translation import gettext_lazy as _

from cms_pages.feeds import FEED_SIZE, AtomFeed

from .public import published_initiatives


class InitiativeFeed(AtomFeed):
    """The initiatives most recently published on the planisphère."""

    slug = "initiatives"
    by_territory = True
    title = _("Initiatives – Aux actes citoyens")
    description = _("The initiatives most recently published on the planisphère.")

    def items(self, territory=None):
        initiatives = published_initiatives()
        if territory is not None:
            initiatives = initiatives.filter(territories=territory)
        return initiatives.order_by("-first_published_at", "-pk")[:FEED_SIZE]

    def item_title(self, initiative):
        return initiative.title

    def item_description(self, initiative):
        return initiative.summary

    def item_link(self, initiative):
        return initiative.get_url()

    def item_pubdate(self, initiative):
        return initiative.first_published_at
