"""The five intercommunal territories (EPCI) and their member communes."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms_pages.blocks import BodyBlock
from cms_pages.geo import LocalLeafletPanel, LocatedMixin, validate_boundary
from cms_pages.visibility import without_restricted

from .base import BasePage, IndexPage


class TerritoryIndexPage(IndexPage):
    """Lists the territories, with their map."""

    subpage_types = ["cms_pages.TerritoryPage"]

    class Meta:
        verbose_name = _("territory index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["territories"] = (
            TerritoryPage.objects.child_of(self).live().public().order_by("title")
        )
        return context


class TerritoryPage(LocatedMixin, BasePage):
    """One EPCI of the Nord Franche-Comté."""

    class Kind(models.TextChoices):
        CA = "CA", _("Communauté d'agglomération")
        CC = "CC", _("Communauté de communes")

    kind = models.CharField(_("kind"), max_length=2, choices=Kind.choices)
    siren = models.CharField(
        _("SIREN code"),
        max_length=9,
        unique=True,
        validators=[RegexValidator(r"^\d{9}$", _("A SIREN code is made of nine digits."))],
    )
    seat = models.CharField(_("seat"), max_length=100, blank=True)
    intro = models.TextField(_("introduction"), max_length=1000, blank=True)
    boundary = models.JSONField(
        _("boundary"),
        null=True,
        blank=True,
        validators=[validate_boundary],
        help_text=_(
            "GeoJSON Polygon or MultiPolygon in WGS84, imported from the official contours "
            "with the import_boundary command."
        ),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = ["cms_pages.TerritoryIndexPage"]
    subpage_types = []
    panel_slot = "territory"

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("siren"), FieldPanel("seat")],
            heading=_("Identity"),
        ),
        FieldPanel("intro"),
        LocalLeafletPanel("location", heading=_("Centre point")),
        FieldPanel("boundary"),
        InlinePanel("communes", heading=_("Member communes"), label=_("Commune")),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("seat"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.RelatedFields("communes", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("kind"),
        APIField("siren"),
        APIField("seat"),
        APIField("intro"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("boundary"),
        APIField("communes"),
        APIField("body"),
    ]

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["events"] = without_restricted(self.events.live()).order_by("start")
        return context


class Commune(Orderable):
    """A member commune of a territory, with its INSEE code."""

    territory = ParentalKey(TerritoryPage, related_name="communes", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=100)
    insee_code = models.CharField(
        _("INSEE code"),
        max_length=5,
        validators=[RegexValidator(r"^\d[\dAB]\d{3}$", _("An INSEE code has five characters."))],
    )

    panels = [FieldPanel("name"), FieldPanel("insee_code")]
    api_fields = [APIField("name"), APIField("insee_code")]

    class Meta(Orderable.Meta):
        verbose_name = _("commune")
        constraints = [
            models.UniqueConstraint(fields=["territory", "insee_code"], name="unique_commune_code")
        ]

    def __str__(self):
        return self.name
