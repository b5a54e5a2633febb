"""The editors' pages in the site search, described as plain data: territories, enjeux,
events and standard pages, and the choices of the territory and enjeu facets.

The ``search`` plugin reads these descriptions through the ``describe_search_documents`` and
``describe_search_facets`` hooks (``cms_pages/wagtail_hooks.py``; their contract is in
``extension_points``): nothing here imports ``search``. A page is searchable while it is live
and outside every view restriction; its text is given as parts (strings, rich text, StreamField
values) that the search reads as plain words, never as HTML."""

from django.utils.translation import gettext_lazy as _
from wagtail.rich_text import RichText

from .models import EnjeuPage, EventPage, StandardPage, TerritoryPage
from .visibility import without_restricted


def published(model):
    """The pages of ``model`` anyone may read."""
    return lambda: without_restricted(model.objects.live())


def page_url(page):
    return page.get_url() or ""


def point(page):
    if page.latitude is None or page.longitude is None:
        return None
    return (page.latitude, page.longitude)


def territory_document(page):
    """A territory is found by its member communes too: « Giromagny » finds Vosges du Sud."""
    return {
        "kind": "territory",
        "title": page.title,
        "url": page_url(page),
        "text": [
            page.intro,
            page.seat,
            " ".join(commune.name for commune in page.communes.all()),
            page.body,
        ],
        "territories": [page.pk],
        "point": point(page),
    }


def enjeu_document(page):
    return {
        "kind": "enjeu",
        "title": page.title,
        "url": page_url(page),
        "text": [page.short_description, page.body],
        "tags": [tag.name for tag in page.tags.all()],
        "enjeux": [page.pk],
    }


def event_document(page):
    return {
        "kind": "event",
        "title": page.title,
        "url": page_url(page),
        "text": [page.place, RichText(page.description), page.body],
        "territories": [territory.pk for territory in page.territories.all()],
        "date": page.start,
        "point": point(page),
    }


def standard_document(page):
    return {
        "kind": "page",
        "title": page.title,
        "url": page_url(page),
        "text": [page.intro, page.body],
    }


def describe_documents():
    """The sources of the core's pages (hook ``describe_search_documents``)."""
    return [
        {
            "model": TerritoryPage,
            "kinds": {"territory": _("Territory")},
            "public": published(TerritoryPage),
            "document": territory_document,
            # The boundary is a large GeoJSON the document never reads.
            "batch": lambda queryset: queryset.defer("boundary").prefetch_related("communes"),
        },
        {
            "model": EnjeuPage,
            "kinds": {"enjeu": _("Enjeu")},
            "public": published(EnjeuPage),
            "document": enjeu_document,
            "batch": lambda queryset: queryset.prefetch_related("tags"),
        },
        {
            "model": EventPage,
            "kinds": {"event": _("Event")},
            "public": published(EventPage),
            "document": event_document,
            "batch": lambda queryset: queryset.prefetch_related("territories"),
        },
        {
            "model": StandardPage,
            "kinds": {"page": _("Page")},
            "public": published(StandardPage),
            "document": standard_document,
        },
    ]


def describe_facets():
    """The pages a visitor may filter the search by (hook ``describe_search_facets``)."""
    return [
        {"name": "territory", "pages": published(TerritoryPage)},
        {"name": "enjeu", "pages": published(EnjeuPage)},
    ]
