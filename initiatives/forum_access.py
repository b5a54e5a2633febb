"""An initiative's forum, as the ``forums`` plugin asks for it (``register_thread_owner``,
:data:`cms_pages.extension_points.THREAD_OWNERS`): plain data and functions, so initiatives
imports nothing of forums and the forums name no initiative.

The forum lives under ``/initiatives/<page id>/discussions/`` (by id, so that members talk
before the page is published) and follows ``initiatives.view_initiative``: drafts and pages
waiting for the Modérateurs are read by their members and the staff only. The members start
threads and may keep one to the members; the porteurs moderate its threads."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.rules import EDITORS
from cms_pages.visibility import without_restricted

from .models import InitiativePage, Membership
from .rules import is_member, is_porteur
from .views.common import get_initiative

# Columns the search's places never read.
HEAVY_FIELDS = ("description", "needs", "location")


def get_page(request, pk):
    """The initiative of a forum URL, if the request may see it (else 404)."""
    return get_initiative(request, pk)


def can_read(user, page):
    return user.has_perm("initiatives.view_initiative", page)


def public(queryset):
    """Published initiatives: live, outside any view restriction."""
    return without_restricted(queryset.live())


def member_pages(user):
    """Ids of the initiatives ``user`` is an active member (or porteur) of."""
    return Membership.objects.filter(user=user, status=Membership.Status.ACTIVE).values(
        "initiative_id"
    )


def members(page):
    """User ids of the initiative's active members and porteurs."""
    return Membership.objects.filter(
        initiative_id=page.pk, status=Membership.Status.ACTIVE
    ).values_list("user_id", flat=True)


def private_readers(page):
    """Who reads an initiative not published (besides the moderators): its members and the
    editors (``initiatives.view_initiative``)."""
    editors = get_user_model().objects.filter(groups__name=EDITORS).values_list("pk", flat=True)
    return set(members(page)) | set(editors)


def places(page):
    """``(territory ids, enjeu ids)`` of the initiative, where its threads are searched."""
    return (
        {territory.pk for territory in page.territories.all()},
        {enjeu.pk for enjeu in page.enjeux.all()},
    )


def prefetch(queryset):
    return queryset.defer(*HEAVY_FIELDS).prefetch_related("territories", "enjeux")


def thread_owner():
    """The initiatives' forum, for ``forums.owners``."""
    return {
        "model": InitiativePage,
        "kind": "initiative",
        "route": "initiatives/<int:pk>/",
        "url_kwargs": lambda page: {"pk": page.pk},
        "get_page": get_page,
        "can_read": can_read,
        "public": public,
        "can_post": is_member,
        "can_moderate": is_porteur,
        "is_member": is_member,
        "member_pages": member_pages,
        "members": members,
        "private_readers": private_readers,
        "private_url": lambda page: reverse("initiatives:status", args=[page.pk]),
        "places": places,
        "prefetch": prefetch,
    }
