"""What every page type of the project shares."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from cms_pages.page_cache.versions import depends_on, page_key
from cms_pages.panels import page_panels_context
from cms_pages.slugs import is_reserved


def reserved_slug_error(slug):
    return ValidationError(
        _("The slug “%(slug)s” is reserved by the platform; choose another one.") % {"slug": slug}
    )


class BasePageForm(WagtailAdminPageForm):
    """The admin's page form: a new page's slug is checked against the project's URLs under
    the parent it is created in (the page itself has no place in the tree yet)."""

    def clean(self):
        cleaned_data = super().clean()
        slug = cleaned_data.get("slug")
        new = self.instance.pk is None and self.parent_page is not None
        if slug and new and is_reserved(self.parent_page, slug):
            self.add_error("slug", reserved_slug_error(slug))
        return cleaned_data


class BasePage(Page):
    """A Wagtail page whose URL may not shadow one of the project's own URLs.

    A page type that names a ``panel_slot`` (see ``cms_pages.panels.SLOTS``) gets the panels
    that plugins register for it in its context (``panels``, ``panels_media``), shown by its
    template with ``{% panels "slot" %}``.
    """

    base_form_class = BasePageForm
    panel_slot = None

    class Meta:
        abstract = True

    def cache_dependencies(self, request):
        """The version keys (``cms_pages.page_cache``) of what the page shows besides itself
        and what is filed under it (``page:<id>``): ``contributions`` for a page listing them
        all…; the panels add their own."""
        return ()

    def serve(self, request, *args, **kwargs):
        depends_on(request, page_key(self.pk), *self.cache_dependencies(request))
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.panel_slot:
            context.update(page_panels_context([self.panel_slot], self, request))
        return context

    def clean(self):
        super().clean()
        parent = self.get_parent() if self.path and self.depth > 1 else None
        if parent is not None and is_reserved(parent, self.slug):
            raise ValidationError({"slug": reserved_slug_error(self.slug)})


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
