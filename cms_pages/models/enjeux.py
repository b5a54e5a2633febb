"""Enjeux: the stakes that events drew from the révoltes and rêves."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from cms_pages.blocks import BodyBlock

from ..collation import french
from .base import BasePage, IndexPage


class EnjeuIndexPage(IndexPage):
    """Lists every enjeu."""

    subpage_types = ["cms_pages.EnjeuPage"]

    class Meta:
        verbose_name = _("enjeu index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["enjeux"] = EnjeuPage.objects.child_of(self).live().public().order_by(french())
        return context


class EnjeuPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms_pages.EnjeuPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class EnjeuPage(BasePage):
    """One enjeu (stake), shared by the five territories."""

    short_description = models.CharField(_("short description"), max_length=300)
    colour = models.CharField(
        _("colour"),
        max_length=7,
        default="#2f5d8a",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a colour such as #2f5d8a."))],
        help_text=_("Accent colour of the enjeu, used next to its title."),
    )
    pictogram = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("pictogram"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    tags = ClusterTaggableManager(through=EnjeuPageTag, blank=True, verbose_name=_("tags"))

    parent_page_types = ["cms_pages.EnjeuIndexPage"]
    subpage_types = []
    panel_slot = "enjeu"

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("short_description"),
        FieldPanel("colour"),
        FieldPanel("pictogram"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("short_description"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("short_description"),
        APIField("colour"),
        APIField("body"),
        APIField("tags"),
    ]

    class Meta:
        verbose_name = _("enjeu")
        verbose_name_plural = _("enjeux")
