"""What initiatives show in the core's pages and in the consultation's: the initiatives of a
territory or an enjeu (lineage), those a contribution inspired, the « My initiatives » links
of the header and of the profile."""

from cms_pages import fragments
from cms_pages.page_cache.versions import SITE, page_key
from cms_pages.panels import PagePanel
from consultation.models import Contribution
from consultation.page_cache import contribution_key
from initiatives.page_cache import INITIATIVES
from initiatives.public import INSPIRED_SIZE, lineage_context
from initiatives.templatetags.initiative_membership import my_initiatives_summary

CSS = {"all": ["initiatives/initiatives.css"]}


class HeaderPanel(PagePanel):
    """« My initiatives » in the account menu; brings the initiatives' styles to every page."""

    template_name = "initiatives/panels/account_link.html"
    area = "account"
    order = 200

    class Media:
        css = CSS


class LineagePanel(PagePanel):
    """The latest published initiatives of a territory or an enjeu, with a link to the
    planisphère filtered on it (one query)."""

    template_name = "initiatives/panels/lineage.html"
    order = 200
    query_budget = 1
    # slot → (the lookup of the page's initiatives, the planisphère's filter)
    LOOKUPS = {"territory": ("territories", "territoire"), "enjeu": ("enjeux", "enjeu")}

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        lookup, filter_name = self.LOOKUPS[self.slot]
        # The same for everybody: kept until an initiative (``initiatives``) or a page
        # changes (``site``, and the page's own key for what is filed under it).
        context.update(
            fragments.cached(
                "initiative-lineage",
                [SITE, INITIATIVES, page_key(self.page.pk)],
                lambda: lineage_context(self.request, **{lookup: self.page}),
                vary=[self.slot, self.page.pk, self.request.get_host()],
                request=self.request,
            )
        )
        context.update(filter_name=filter_name, filter_value=self.page.slug)
        return context


class InspiredPanel(PagePanel):
    """What came of a published contribution: the initiatives it inspired (one query)."""

    template_name = "initiatives/panels/inspired.html"
    order = 100
    query_budget = 1

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        context["contribution"] = contribution = self.page
        context["is_published"] = contribution.status == Contribution.Status.PUBLISHED
        if context["is_published"]:
            context.update(
                fragments.cached(
                    "initiatives-inspired",
                    [SITE, INITIATIVES, contribution_key(contribution.pk)],
                    lambda: lineage_context(
                        self.request, limit=INSPIRED_SIZE, inspired_by=contribution
                    ),
                    vary=[contribution.pk, self.request.get_host()],
                    request=self.request,
                )
            )
        return context


class ProfilePanel(PagePanel):
    """The citizen's latest memberships (one query)."""

    template_name = "initiatives/panels/profile.html"
    order = 300
    query_budget = 1

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        context["summary"] = my_initiatives_summary(self.request.user)
        return context


class PrivacyPanel(PagePanel):
    """What the initiatives keep about people, in the privacy notice. No query."""

    template_name = "initiatives/panels/privacy.html"
    order = 200


PANELS = {
    "header": [HeaderPanel],
    "territory": [LineagePanel],
    "enjeu": [LineagePanel],
    "contribution": [InspiredPanel],
    "profile": [ProfilePanel],
    "privacy": [PrivacyPanel],
}


def page_panels(slot, page, request):
    return [panel(slot, page, request) for panel in PANELS.get(slot, ())]
