"""Events of the programme: consultations, the five capitalisation events, the big event."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from cms_pages.blocks import RICH_TEXT_FEATURES, BodyBlock
from cms_pages.geo import LocalLeafletPanel, LocatedMixin

from ..collation import french
from .base import BasePage, IndexPage
from .territories import TerritoryPage


class EventIndexPage(IndexPage):
    """Lists upcoming then past events."""

    subpage_types = ["cms_pages.EventPage"]

    class Meta:
        verbose_name = _("event index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        visible_territories = TerritoryPage.objects.live().public().order_by(french())
        events = (
            EventPage.objects.child_of(self)
            .live()
            .public()
            .prefetch_related(Prefetch("territories", queryset=visible_territories))
        )
        now = timezone.now()
        context["upcoming_events"] = events.filter(start__gte=now).order_by("start")
        context["past_events"] = events.filter(start__lt=now).order_by("-start")
        return context


class EventPage(LocatedMixin, BasePage):
    """One event, held in one or several territories."""

    class Kind(models.TextChoices):
        CONCERTATION = "concertation", _("Concertation")
        CAPITALISATION = "capitalisation", _("Capitalisation")
        GRAND_EVENEMENT = "grand_evenement", _("Grand événement")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    territories = ParentalManyToManyField(
        "cms_pages.TerritoryPage",
        verbose_name=_("territories"),
        blank=True,
        related_name="events",
    )
    description = RichTextField(_("description"), features=RICH_TEXT_FEATURES, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = ["cms_pages.EventIndexPage"]
    subpage_types = []
    panel_slot = "event"

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("Dates")),
        MultiFieldPanel(
            [FieldPanel("place"), LocalLeafletPanel("location", heading=_("Point"))],
            heading=_("Place"),
        ),
        FieldPanel("territories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("description"),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("place"),
        index.SearchField("description"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("start"),
    ]
    api_fields = [
        APIField("kind"),
        APIField("start"),
        APIField("end"),
        APIField("place"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("territories"),
        APIField("description"),
        APIField("body"),
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def public_territories(self):
        """The event's territories that visitors may see (live, not restricted)."""
        return TerritoryPage.objects.live().public().filter(events=self).order_by(french())

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end of an event cannot come before its start.")})
