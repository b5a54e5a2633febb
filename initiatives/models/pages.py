"""The initiative page, co-edited by its members, and the planisphère that lists them."""

from django import forms
from django.db import models
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import expand_db_html
from wagtail.search import index

from cms_pages.geo import LocalLeafletPanel, LocatedMixin
from cms_pages.models.base import BasePage, IndexPage
from initiatives.sanitise import clean_description

# The description's rich text: the same list in the admin editor and in the public form's
# sanitiser (initiatives.sanitise).
DESCRIPTION_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


class InitiativeIndexPage(IndexPage):
    """The planisphère des solutions: every published initiative on a map and in a list."""

    subpage_types = ["initiatives.InitiativePage"]

    class Meta:
        verbose_name = _("initiative index")

    def cache_dependencies(self, request):
        from initiatives.page_cache import INITIATIVES  # noqa: PLC0415 - imports this module

        return (INITIATIVES,)

    def get_context(self, request, *args, **kwargs):
        # The page model hands its context to its view layer, which imports this model.
        from initiatives.views.planisphere import planisphere_context  # noqa: PLC0415 - cycle

        context = super().get_context(request, *args, **kwargs)
        context.update(planisphere_context(request))
        return context


class InitiativePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "initiatives.InitiativePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class InitiativePage(LocatedMixin, BasePage):
    """A citizen initiative, created from the public site and co-edited by its members.

    Every relation a member edits is parental (many-to-many, tags) so that it is stored in each
    revision: drafts, diffs and restores cover them like every other field."""

    class Maturity(models.TextChoices):
        IDEE = "idee", _("Idea")
        CONSTRUCTION = "construction", _("Project under construction")
        LANCEMENT = "lancement", _("Launch")
        ACTIVITE = "activite", _("In activity")
        CONSOLIDATION = "consolidation", _("Consolidation / scaling up")

    class EconomicPurpose(models.TextChoices):
        NON_LUCRATIF = "non_lucratif", _("Non-profit")
        LUCRATIVITE_LIMITEE = "lucrativite_limitee", _("Limited profit (ESS)")
        LUCRATIF = "lucratif", _("For profit")

    class OrganisationMode(models.TextChoices):
        COLLECTIF_INFORMEL = "collectif_informel", _("Informal collective")
        ASSOCIATION = "association", _("Association")
        COOPERATIVE = "cooperative", _("Cooperative (SCOP / SCIC)")
        ENTREPRISE = "entreprise", _("Company")
        COLLECTIVITE = "collectivite", _("Local authority / public body")

    class MembershipPolicy(models.TextChoices):
        OPEN = "open", _("Open: anyone joins at once")
        ON_REQUEST = "on_request", _("On request: a porteur accepts")

    summary = models.CharField(_("summary"), max_length=300)
    description = RichTextField(
        _("description"), features=DESCRIPTION_FEATURES, blank=True, max_length=20000
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    territories = ParentalManyToManyField(
        "cms_pages.TerritoryPage", verbose_name=_("territories"), related_name="initiatives"
    )
    commune = models.ForeignKey(
        "cms_pages.Commune",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
    )
    enjeux = ParentalManyToManyField(
        "cms_pages.EnjeuPage", verbose_name=_("enjeux"), blank=True, related_name="initiatives"
    )
    tags = ClusterTaggableManager(through=InitiativePageTag, blank=True, verbose_name=_("tags"))
    maturity = models.CharField(
        _("maturity"), max_length=20, choices=Maturity.choices, default=Maturity.IDEE
    )
    economic_purpose = models.CharField(
        _("economic purpose"), max_length=20, choices=EconomicPurpose.choices
    )
    organisation_mode = models.CharField(
        _("organisation mode"), max_length=20, choices=OrganisationMode.choices
    )
    needs = StreamField(
        [("need", blocks.CharBlock(label=_("Need"), max_length=200))],
        blank=True,
        verbose_name=_("needs"),
    )
    inspired_by = ParentalManyToManyField(
        "consultation.Contribution",
        verbose_name=_("inspired by"),
        blank=True,
        related_name="initiatives",
        help_text=_("The révoltes and rêves this initiative came from."),
    )
    membership_policy = models.CharField(
        _("membership policy"),
        max_length=20,
        choices=MembershipPolicy.choices,
        default=MembershipPolicy.ON_REQUEST,
    )

    parent_page_types = ["initiatives.InitiativeIndexPage"]
    subpage_types = []
    # Other plugins' panels (the forums' discussions) in cms_pages.panels' "initiative" slot.
    panel_slot = "initiative"

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("image"),
        MultiFieldPanel(
            [
                FieldPanel("territories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("commune"),
                LocalLeafletPanel("location", heading=_("Point")),
            ],
            heading=_("Place"),
        ),
        FieldPanel("enjeux", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        FieldRowPanel(
            [
                FieldPanel("maturity"),
                FieldPanel("economic_purpose"),
                FieldPanel("organisation_mode"),
            ],
            heading=_("Profile"),
        ),
        FieldPanel("needs"),
        FieldPanel("inspired_by"),
        FieldPanel("membership_policy"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("maturity"),
        index.FilterField("economic_purpose"),
        index.FilterField("organisation_mode"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("summary"),
        APIField("description"),
        APIField("maturity"),
        APIField("economic_purpose"),
        APIField("organisation_mode"),
        APIField("needs"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("tags"),
    ]

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def get_context(self, request, *args, **kwargs):
        # The page model hands its context to its view layer, which imports this model.
        from initiatives.public import initiative_page_context  # noqa: PLC0415 - cycle

        context = super().get_context(request, *args, **kwargs)
        context.update(initiative_page_context(request, self))
        return context

    def description_html(self):
        """The description ready to show: Wagtail's links expanded, then cleaned again, so that
        text saved from the admin gets the same treatment as text posted from the site."""
        return mark_safe(clean_description(expand_db_html(self.description)))  # noqa: S308 (nh3)
