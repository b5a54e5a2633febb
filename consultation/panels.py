"""What the consultation shows in the core's pages: a territory's révoltes and rêves, an
enjeu's and an event's, the « Share a révolte or a rêve » call (home, territory, enjeu, and the
search when it finds nothing), the « My contributions » link of the header and of the
profile, the map in the main menu."""

from urllib.parse import urlencode

from django.db.models import Count, F, Q
from django.urls import reverse

from cms_pages import fragments
from cms_pages.models import TerritoryPage
from cms_pages.page_cache.versions import SITE, page_key
from cms_pages.panels import PagePanel
from consultation.models import Contribution

# An enjeu or an event page shows this many of its latest published contributions.
PAGE_CONTRIBUTIONS = 6

CSS = {"all": ["consultation/consultation.css"]}


class HeaderPanel(PagePanel):
    """« My contributions » in the account menu; brings the consultation's styles to every
    page."""

    template_name = "consultation/panels/account_link.html"
    area = "account"
    order = 100

    class Media:
        css = CSS


class NavigationPanel(PagePanel):
    """The map of révoltes and rêves, a view that follows the territories in the main menu."""

    template_name = "consultation/panels/navigation.html"
    order = 100


class TerritoryContributionsPanel(PagePanel):
    """A territory's published révoltes and rêves by kind, their map and list (beside the
    territory's identity)."""

    template_name = "consultation/panels/territory_contributions.html"
    area = "overview"
    order = 100
    query_budget = 1

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        context["contribution_counts"] = fragments.cached(
            "territory-contribution-counts",
            [page_key(self.page.pk)],
            lambda: contribution_counts(self.page),
            request=self.request,
        )
        return context


class ShareCallPanel(PagePanel):
    """« Share a révolte or a rêve »: a link to the form, with the territory of a territory
    page filled in (``?territoire=``) and the enjeu of an enjeu page named (``?enjeu=``). No
    query."""

    template_name = "consultation/panels/share_call.html"
    # On an enjeu page: after its révoltes and rêves, before its initiatives.
    order = 150
    # slot → the form's parameter that names the page
    PARAMETERS = {"territory": "territoire", "enjeu": "enjeu"}

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        parameter = self.PARAMETERS.get(self.slot)
        url = reverse("consultation:new")
        if parameter and self.page is not None:
            url = f"{url}?{urlencode({parameter: self.page.slug})}"
        context["share_url"] = url
        return context


class HomeShareCallPanel(ShareCallPanel):
    """The call on the home page, right below its introduction."""

    area = "intro"


class TerritoryShareCallPanel(ShareCallPanel):
    """The call on a territory page: below its identity, beside its révoltes and rêves."""

    area = "overview"
    order = 110


class SearchShareCallPanel(ShareCallPanel):
    """The call on the search page when nothing is found."""

    area = "no-result"


class EnjeuContributionsPanel(PagePanel):
    """An enjeu's published révoltes and rêves: their counts per territory (numbers and a
    bar chart), its latest ones and a link to the map filtered on it (two queries)."""

    template_name = "consultation/panels/enjeu_contributions.html"
    order = 100
    query_budget = 2

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        # Counting the enjeu's contributions in every territory reads all of them: kept until
        # one filed under it changes (its ``page:<id>``) or a territory does (``site``).
        counts, contributions = fragments.cached(
            "enjeu-contributions",
            [SITE, page_key(self.page.pk)],
            self.counts_and_latest,
            request=self.request,
        )
        context.update(
            territory_counts=counts,
            contribution_total=sum(row["total"] for row in counts),
            contributions=contributions,
            filter_name="enjeu",
            filter_value=self.page.slug,
        )
        return context

    def counts_and_latest(self):
        counts = territory_counts(enjeux=self.page)
        published = Contribution.objects.published().filter(enjeux=self.page)
        total = sum(row["total"] for row in counts)
        return counts, latest(published) if total else []


class EventContributionsPanel(PagePanel):
    """The published révoltes and rêves gathered at an event: their counts, the latest ones
    and a link to the map filtered on it (two queries, one when there is none)."""

    template_name = "consultation/panels/event_contributions.html"
    order = 100
    query_budget = 2

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        published = Contribution.objects.published().filter(event=self.page)
        counts = kind_counts(published)
        context.update(
            contribution_counts=counts,
            contributions=latest(published) if counts["total"] else [],
            filter_name="evenement",
            filter_value=self.page.pk,
        )
        return context


class ProfilePanel(PagePanel):
    """The citizen's révoltes and rêves, from their profile."""

    template_name = "consultation/panels/profile.html"
    order = 100


def contribution_counts(territory):
    """Published révoltes and rêves of ``territory``, by kind, in one query."""
    return kind_counts(Contribution.objects.published().filter(territory=territory))


def kind_counts(contributions):
    """``{"total", "revolte", "reve"}``: ``contributions`` counted by kind, in one query."""
    return contributions.aggregate(
        total=Count("pk"),
        **{kind: Count("pk", filter=Q(kind=kind)) for kind in Contribution.Kind.values},
    )


def territory_counts(**lookups):
    """``[{"title", "slug", "revolte", "reve", "total", "revolte_share", "reve_share"}]``: the
    published contributions that match ``lookups`` (``enjeux=page``) counted in each live
    territory, zeros included, in the territories' order, in one query (the shares are
    percentages of the largest count, for the bars)."""
    published = Q(contributions__status=Contribution.Status.PUBLISHED) & Q(
        **{f"contributions__{name}": value for name, value in lookups.items()}
    )
    rows = list(
        TerritoryPage.objects.live()
        .order_by("path")
        .values("title", "slug")
        .annotate(
            total=Count("contributions", filter=published, distinct=True),
            **{
                kind: Count(
                    "contributions",
                    filter=published & Q(contributions__kind=kind),
                    distinct=True,
                )
                for kind in Contribution.Kind.values
            },
        )
    )
    largest = max((row[kind] for row in rows for kind in Contribution.Kind.values), default=0)
    for row in rows:
        for kind in Contribution.Kind.values:
            row[f"{kind}_share"] = round(100 * row[kind] / largest, 1) if largest else 0
    return rows


def latest(contributions):
    """The latest ``PAGE_CONTRIBUTIONS`` of ``contributions``, with their territory's title
    only (a territory row carries its boundary), in one query."""
    return list(
        contributions.select_related(None)
        .annotate(territory_title=F("territory__title"))
        .only("pk", "kind", "title", "text", "created_at", "support_count", "territory_id")
        .order_by("-created_at", "-pk")[:PAGE_CONTRIBUTIONS]
    )


class PrivacyPanel(PagePanel):
    """What the consultation keeps about people, in the privacy notice. No query."""

    template_name = "consultation/panels/privacy.html"


PANELS = {
    "header": [HeaderPanel],
    "navigation": [NavigationPanel],
    "home": [HomeShareCallPanel],
    "territory": [TerritoryContributionsPanel, TerritoryShareCallPanel],
    "enjeu": [ShareCallPanel, EnjeuContributionsPanel],
    "event": [EventContributionsPanel],
    "profile": [ProfilePanel],
    "search": [SearchShareCallPanel],
    "privacy": [PrivacyPanel],
}


def page_panels(slot, page, request):
    return [panel(slot, page, request) for panel in PANELS.get(slot, ())]
