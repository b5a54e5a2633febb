"""What every page type of the project shares."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index


class BasePage(Page):
    """A Wagtail page whose slug may not shadow one of the project's own URLs."""

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.slug in settings.RESERVED_SLUGS:
            raise ValidationError(
                {
                    "slug": _(
                        "The slug “%(slug)s” is reserved by the platform; choose another one."
                    )
                    % {"slug": self.slug}
                }
            )


class IndexPage(BasePage):
    """The single page under home that lists one kind of page (territories, enjeux, events)."""

    intro = models.TextField(_("introduction"), max_length=1000, blank=True)

    parent_page_types = ["cms_pages.HomePage"]
    max_count = 1

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        abstract = True
