"""The editors' pages in the site search: territories, enjeux, events and standard pages.

A page is searchable while it is live and outside every view restriction; its text is read from
its fields and StreamField blocks as plain words (``search.text``), never as HTML."""

from django.utils.translation import gettext_lazy as _

from search.registry import Document, Source, register
from search.text import join, rich_text, stream_text

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
    return Document(
        kind="territory",
        title=page.title,
        url=page_url(page),
        text=join(
            page.intro,
            page.seat,
            " ".join(commune.name for commune in page.communes.all()),
            stream_text(page.body),
        ),
        territories=[page.pk],
        point=point(page),
    )


def enjeu_document(page):
    return Document(
        kind="enjeu",
        title=page.title,
        url=page_url(page),
        text=join(page.short_description, stream_text(page.body)),
        tags=[tag.name for tag in page.tags.all()],
        enjeux=[page.pk],
    )


def enjeu_threads(page):
    """The enjeu's forum threads: they leave the search when the enjeu does, and carry its
    slug in their URL."""
    from forums.models import Thread

    return [(Thread, Thread.objects.filter(enjeu=page))]


def event_document(page):
    return Document(
        kind="event",
        title=page.title,
        url=page_url(page),
        text=join(page.place, rich_text(page.description), stream_text(page.body)),
        territories=[territory.pk for territory in page.territories.all()],
        date=page.start,
        point=point(page),
    )


def standard_document(page):
    return Document(
        kind="page",
        title=page.title,
        url=page_url(page),
        text=join(page.intro, stream_text(page.body)),
    )


register(
    Source(
        model=TerritoryPage,
        kinds={"territory": _("Territory")},
        public=published(TerritoryPage),
        document=territory_document,
        # The boundary is a large GeoJSON the document never reads.
        batch=lambda queryset: queryset.defer("boundary").prefetch_related("communes"),
    )
)
register(
    Source(
        model=EnjeuPage,
        kinds={"enjeu": _("Enjeu")},
        public=published(EnjeuPage),
        document=enjeu_document,
        batch=lambda queryset: queryset.prefetch_related("tags"),
        dependants=enjeu_threads,
    )
)
register(
    Source(
        model=EventPage,
        kinds={"event": _("Event")},
        public=published(EventPage),
        document=event_document,
        batch=lambda queryset: queryset.prefetch_related("territories"),
    )
)
register(
    Source(
        model=StandardPage,
        kinds={"page": _("Page")},
        public=published(StandardPage),
        document=standard_document,
    )
)
