"""The public threads in the sitemap and as an Atom feed of the latest discussions."""

from django.contrib.sitemaps import Sitemap
from django.utils.translation import gettext_lazy as _

from cms_pages.feeds import FEED_SIZE, AtomFeed

from .visibility import public_threads


class ThreadSitemap(Sitemap):
    """Every thread anyone may read."""

    def items(self):
        return public_threads().select_related("page").order_by("pk")

    def lastmod(self, thread):
        return thread.last_activity_at


class ThreadFeed(AtomFeed):
    """The discussions opened most recently, in public threads."""

    slug = "discussions"
    title = _("Discussions – Aux actes citoyens")
    description = _("The discussions opened most recently on the platform.")

    def items(self):
        return public_threads().select_related("page").order_by("-created_at", "-pk")[:FEED_SIZE]

    def item_title(self, thread):
        return f"{thread.title} – {thread.page.title}"

    def item_description(self, thread):
        return thread.body

    def item_pubdate(self, thread):
        return thread.created_at
