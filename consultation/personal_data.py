"""The consultation's part of a citizen's personal data (``PERSONAL_DATA``): the révoltes and
rêves they wrote and their « moi aussi ». Contributions a facilitator captured for people
without an account are those people's words, not the facilitator's, and stay out."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from accounts.personal_data import PersonalDataPart, iso, title_of

from .models import Contribution, Support


def contribution_data(contribution):
    return {
        "id": contribution.pk,
        "kind": contribution.kind,
        "title": contribution.title,
        "text": contribution.text,
        "territory": title_of(contribution.territory),
        "commune": contribution.commune.name if contribution.commune is not None else None,
        "latitude": contribution.latitude,
        "longitude": contribution.longitude,
        "tags": sorted(tag.name for tag in contribution.tags.all()),
        "enjeux": sorted(enjeu.title for enjeu in contribution.enjeux.all()),
        "source": contribution.source,
        "event": title_of(contribution.event),
        "status": contribution.status,
        "moderation_reason": contribution.moderation_reason,
        "created": iso(contribution.created_at),
        "updated": iso(contribution.updated_at),
    }


def export(user):
    contributions = (
        Contribution.objects.filter(author=user)
        .select_related("territory", "commune", "event")
        .prefetch_related("tags", "enjeux")
        .order_by("created_at", "pk")
    )
    supports = (
        Support.objects.filter(user=user)
        .select_related("contribution")
        .only(
            "created_at",
            "contribution__id",
            "contribution__kind",
            "contribution__title",
            "contribution__status",
        )
        .order_by("created_at", "pk")
    )
    return {
        "contributions": [contribution_data(contribution) for contribution in contributions],
        "supports": [
            {
                "contribution": support.contribution.pk,
                "kind": support.contribution.kind,
                # Someone else's words: their title only while anyone may read it.
                "title": (
                    support.contribution.title
                    if support.contribution.status == Contribution.Status.PUBLISHED
                    else None
                ),
                "created": iso(support.created_at),
            }
            for support in supports
        ],
    }


def erase(user):
    """The révoltes and rêves stay, published as they were, from nobody (contributions never
    show their author); the « moi aussi » go, each one taken off its contribution's count."""
    Contribution.objects.filter(author=user).update(author=None)
    Contribution.objects.filter(facilitator=user).update(facilitator=None)
    Contribution.objects.filter(moderated_by=user).update(moderated_by=None)
    supported = Support.objects.filter(user=user).values("contribution")
    Contribution.objects.filter(pk__in=supported, support_count__gt=0).update(
        support_count=F("support_count") - 1
    )
    Support.objects.filter(user=user).delete()


def part():
    return PersonalDataPart(
        key="consultation", label=_("Révoltes and rêves"), export=export, erase=erase
    )
