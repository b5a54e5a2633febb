"""Initiatives in the site search: published ones only (live, outside any view restriction,
carried by a porteur: ``initiatives.public.published_initiatives``).

A draft, an initiative waiting for the Modérateurs' first approval or one kept private is never
live, so it never becomes a document; a published initiative whose change waits for them keeps
its live (checked) content in its row, which is what its document reads."""

from django.utils.translation import gettext_lazy as _

from search.registry import Document, Source, register
from search.text import join, rich_text, stream_text

from .models import InitiativePage
from .public import published_initiatives


def initiative_document(page):
    return Document(
        kind="initiative",
        title=page.title,
        url=page.get_url() or "",
        text=join(
            page.summary,
            rich_text(page.description),
            stream_text(page.needs),
            page.commune.name if page.commune_id else "",
        ),
        tags=[tag.name for tag in page.tags.all()],
        territories=[territory.pk for territory in page.territories.all()],
        enjeux=[enjeu.pk for enjeu in page.enjeux.all()],
        maturity=page.maturity,
        date=page.first_published_at,
        point=(page.latitude, page.longitude) if page.latitude is not None else None,
    )


register(
    Source(
        model=InitiativePage,
        kinds={"initiative": _("Initiative")},
        public=published_initiatives,
        document=initiative_document,
        batch=lambda queryset: queryset.select_related("commune").prefetch_related(
            "tags", "territories", "enjeux"
        ),
        labels={"maturity": dict(InitiativePage.Maturity.choices)},
    )
)
