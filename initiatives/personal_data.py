"""The initiatives' part of a citizen's personal data (``PERSONAL_DATA``): their places in
initiatives (join requests included), the initiatives they created and the versions they
saved. The other members of an initiative are theirs, not this citizen's, and stay out."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.models import Revision

from accounts.personal_data import PersonalDataPart, iso

from .models import InitiativePage, Membership


def export(user):
    memberships = (
        Membership.objects.filter(user=user)
        .select_related("initiative")
        .only(
            "role",
            "status",
            "message",
            "created_at",
            "joined_at",
            "initiative__id",
            "initiative__title",
        )
        .order_by("created_at", "pk")
    )
    created = (
        InitiativePage.objects.filter(owner=user)
        .only("title", "live", "first_published_at")
        .order_by("path")
    )
    revisions = (
        Revision.objects.filter(
            user=user, content_type=ContentType.objects.get_for_model(InitiativePage)
        )
        .only("object_id", "object_str", "created_at")
        .order_by("created_at", "pk")
    )
    return {
        "memberships": [
            {
                "initiative": membership.initiative.title,
                "role": membership.role,
                "status": membership.status,
                "message": membership.message,
                "requested": iso(membership.created_at),
                "joined": iso(membership.joined_at),
            }
            for membership in memberships
        ],
        "created": [
            {
                "initiative": page.title,
                "live": page.live,
                "first_published": iso(page.first_published_at),
            }
            for page in created
        ],
        "edits": [
            {"initiative": revision.object_str, "saved": iso(revision.created_at)}
            for revision in revisions
        ],
    }


def part():
    return PersonalDataPart(key="initiatives", label=_("Initiatives"), export=export)
