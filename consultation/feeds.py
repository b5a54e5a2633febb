"""The published révoltes and rêves in the sitemap and as an Atom feed."""

from django.contrib.sitemaps import Sitemap
from django.utils.translation import gettext_lazy as _

from cms_pages.feeds import FEED_SIZE, AtomFeed

from .models import Contribution


class ContributionSitemap(Sitemap):
    """Every published contribution's page."""

    def items(self):
        return Contribution.objects.published().only("pk", "created_at").order_by("pk")

    def lastmod(self, contribution):
        return contribution.created_at


class ContributionFeed(AtomFeed):
    """The latest published révoltes and rêves."""

    slug = "contributions"
    by_territory = True
    title = _("Révoltes et rêves – Aux actes citoyens")
    description = _("The latest révoltes and rêves published on the platform.")

    def items(self, territory=None):
        contributions = Contribution.objects.published()
        if territory is not None:
            contributions = contributions.filter(territory=territory)
        return contributions.order_by("-created_at", "-pk")[:FEED_SIZE]

    def item_title(self, contribution):
        return f"{contribution.get_kind_display()} : {contribution}"

    def item_description(self, contribution):
        return contribution.text

    def item_pubdate(self, contribution):
        return contribution.created_at
