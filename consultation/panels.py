"""What the consultation shows in the core's pages: a territory's révoltes and rêves, the
« My contributions » link of the header and of the profile, the map in the main menu."""

from django.db.models import Count, Q

from cms_pages.panels import PagePanel
from consultation.models import Contribution

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
        context["contribution_counts"] = contribution_counts(self.page)
        return context


class ProfilePanel(PagePanel):
    """The citizen's révoltes and rêves, from their profile."""

    template_name = "consultation/panels/profile.html"
    order = 100


def contribution_counts(territory):
    """Published révoltes and rêves of ``territory``, by kind, in one query."""
    return (
        Contribution.objects.published()
        .filter(territory=territory)
        .aggregate(
            total=Count("pk"),
            **{kind: Count("pk", filter=Q(kind=kind)) for kind in Contribution.Kind.values},
        )
    )


PANELS = {
    "header": [HeaderPanel],
    "navigation": [NavigationPanel],
    "territory": [TerritoryContributionsPanel],
    "profile": [ProfilePanel],
}


def page_panels(slot, page, request):
    return [panel(slot, page, request) for panel in PANELS.get(slot, ())]
