"""The home page: the programme at a glance."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from cms_pages.blocks import BodyBlock, PhaseBlock

from ..collation import french
from .base import BasePage
from .enjeux import EnjeuPage
from .territories import TerritoryPage


class HomePage(BasePage):
    """Root of the public site: phases, the five territories on a map, the latest enjeux."""

    intro = models.TextField(_("introduction"), max_length=1000, blank=True)
    phases = StreamField([("phase", PhaseBlock())], blank=True, verbose_name=_("phases"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = ["wagtailcore.Page"]
    # No subpage_types: each page type that lives under the home page says so in its own
    # parent_page_types (the indexes, standard pages, and the indexes plugins add).
    max_count = 1
    panel_slot = "home"

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("phases"),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("phases"), APIField("body")]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["territories"] = TerritoryPage.objects.live().public().order_by(french())
        context["latest_enjeux"] = (
            EnjeuPage.objects.live().public().order_by("-first_published_at", "title")[:6]
        )
        return context
