"""Révoltes and rêves in the site search: published ones only, at their public (rounded) point."""

from search.registry import Document, Source, register

from .models import Contribution


def contribution_document(contribution):
    return Document(
        kind=contribution.kind,
        title=str(contribution),
        text=contribution.text,
        url=contribution.get_absolute_url(),
        tags=[tag.name for tag in contribution.tags.all()],
        territories=[contribution.territory_id],
        enjeux=[enjeu.pk for enjeu in contribution.enjeux.all()],
        date=contribution.created_at,
        point=contribution.public_point(),
    )


register(
    Source(
        model=Contribution,
        kinds=dict(Contribution.Kind.choices),
        public=Contribution.objects.published,
        document=contribution_document,
        batch=lambda queryset: queryset.prefetch_related("tags", "enjeux"),
    )
)
