"""Which pages the public may see, decided inside the query that lists them."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Substr
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction, get_page_models

from .extension_points import UNLISTED_PAGES


def without_restricted(queryset):
    """Pages of ``queryset`` that no view restriction covers, checked inside the same SQL.

    A restriction on a page covers its descendants, whose tree path starts with its own:
    unlike Wagtail's ``public()``, this costs no separate query for the restrictions."""
    covering = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, F("page__depth") * Page.steplen)
    )
    return queryset.exclude(Exists(covering))


def of_installed_types(queryset):
    """Pages of ``queryset`` whose page type is installed.

    A database that once ran a plugin keeps that plugin's pages after it is switched off;
    their type has no model any more, so they are left out of menus and sitemaps."""
    installed = ContentType.objects.get_for_models(*get_page_models()).values()
    return queryset.filter(content_type__in=[content_type.pk for content_type in installed])


def without_unlisted(queryset):
    """Pages of ``queryset`` that no plugin keeps out of lists (``UNLISTED_PAGES``), in the
    same SQL."""
    for fn in hooks.get_hooks(UNLISTED_PAGES):
        queryset = queryset.exclude(pk__in=fn())
    return queryset
