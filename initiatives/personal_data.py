"""The initiatives' part of a citizen's personal data (``PERSONAL_DATA``): their places in
initiatives (join requests included), the initiatives they created and the versions they
saved. The other members of an initiative are theirs, not this citizen's, and stay out."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.models import Revision

from accounts.personal_data import PersonalDataPart, iso
from cms_pages.extension_points import objects_changed

from .models import InitiativePage, Membership, PorteurVacancy


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


def erase(user):
    """The person's places in initiatives go (join requests too); an initiative they carried
    alone is left without a porteur: it goes to the moderators' queue and off the public lists
    (:class:`~initiatives.models.PorteurVacancy`). The versions they saved stay, by « Ancien
    participant » (``accounts.erasure`` unlinks the revisions), and the initiatives they
    created lose their owner."""
    carried = list(Membership.objects.porteurs().filter(user=user).values_list("initiative_id"))
    carried = sorted(pk for (pk,) in carried)
    # The memberships of those initiatives, locked as membership_actions locks them: a porteur
    # leaving at the same moment counts the porteurs after this one is gone.
    locked = list(
        Membership.objects.select_for_update().filter(initiative_id__in=carried).order_by("pk")
    )
    Membership.objects.filter(user=user).delete()
    still_carried = {
        row.initiative_id for row in locked if row.is_porteur and row.user_id != user.pk
    }
    vacated = [pk for pk in carried if pk not in still_carried]
    PorteurVacancy.objects.bulk_create(
        [PorteurVacancy(initiative_id=pk) for pk in vacated], ignore_conflicts=True
    )
    if vacated:  # off every public list now (``public.published_initiatives``): the search too
        objects_changed.send(sender=InitiativePage, pks=vacated)
    InitiativePage.objects.filter(owner=user).update(owner=None)


def part():
    return PersonalDataPart(key="initiatives", label=_("Initiatives"), export=export, erase=erase)
