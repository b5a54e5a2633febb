"""Which pages the public may see, decided inside the query that lists them."""

from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Substr
from wagtail.models import Page, PageViewRestriction


def without_restricted(queryset):
    """Pages of ``queryset`` that no view restriction covers, checked inside the same SQL.

    A restriction on a page covers its descendants, whose tree path starts with its own:
    unlike Wagtail's ``public()``, this costs no separate query for the restrictions."""
    covering = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, F("page__depth") * Page.steplen)
    )
    return queryset.exclude(Exists(covering))
