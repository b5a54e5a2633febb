"""The five intercommunal territories (EPCI) and their member communes."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from cms_pages.blocks import BodyBlock
from cms_pages.extension_points import objects_changed
from cms_pages.geo import LocalLeafletPanel, LocatedMixin, validate_boundary
from cms_pages.visibility import without_restricted

from ..collation import french
from .base import BasePage, IndexPage


class TerritoryIndexPage(IndexPage):
    """Lists the territories, with their map."""

    subpage_types = ["cms_pages.TerritoryPage"]

    class Meta:
        verbose_name = _("territory index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["territories"] = (
            TerritoryPage.objects.child_of(self).live().public().order_by(french())
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
        LocalLeafletPanel(
            "location",
            heading=_("Centre point"),
            help_text=_(
                "Left empty, the territory takes its seat commune's point once that commune "
                "has one (see Communes). Without any point, contributions are still accepted: "
                "they are placed by commune, and the map counts them."
            ),
        ),
        FieldPanel("boundary"),
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
        # APIField("communes") is added below Commune (a plain relation needs a serializer).
        APIField("body"),
    ]

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")

    def save(self, *args, **kwargs):
        # No centre given: the seat commune's point, from a real source (import_communes).
        if not self.location and self.seat and self.pk:
            seat = (
                Commune.objects.filter(
                    territory_id=self.pk, name__iexact=self.seat, latitude__isnull=False
                )
                .order_by("pk")
                .first()
            )
            if seat is not None:
                self.location = seat.location
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["events"] = without_restricted(self.events.live()).order_by("start")
        return context


class Commune(LocatedMixin):
    """A member commune of a territory, with its INSEE code and, once imported with
    ``import_communes`` or placed by an editor, its point.

    A plain model, outside the territory's revisions: publishing an older revision of a
    territory neither undoes an import nor drops a commune that contributions point to.
    Edited in its own admin listing, so the territory's edit page stays light.
    """

    territory = models.ForeignKey(
        TerritoryPage,
        verbose_name=_("territory"),
        related_name="communes",
        on_delete=models.CASCADE,
    )
    name = models.CharField(_("name"), max_length=100)
    insee_code = models.CharField(
        _("INSEE code"),
        max_length=5,
        validators=[RegexValidator(r"^\d[\dAB]\d{3}$", _("An INSEE code has five characters."))],
    )
    sort_order = models.IntegerField(null=True, blank=True, editable=False)

    panels = [
        FieldPanel("territory"),
        FieldPanel("name"),
        FieldPanel("insee_code"),
        LocalLeafletPanel(
            "location",
            heading=_("Centre point"),
            help_text=_(
                "The commune's official centre, imported with the import_communes command "
                "or placed here. Contributions placed by commune are drawn around it."
            ),
        ),
    ]
    api_fields = [APIField("name"), APIField("insee_code")]

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "insee_code"], name="unique_commune_code")
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The territory's copies (its search document names its communes) follow.
        objects_changed.send(sender=TerritoryPage, pks=[self.territory_id])

    def delete(self, *args, **kwargs):
        territory_id = self.territory_id
        result = super().delete(*args, **kwargs)
        objects_changed.send(sender=TerritoryPage, pks=[territory_id])
        return result


class CommuneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Commune
        fields = ["name", "insee_code", "latitude", "longitude"]


TerritoryPage.api_fields.insert(-1, APIField("communes", serializer=CommuneSerializer(many=True)))
