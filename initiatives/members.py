"""Membership as the initiative page shows it."""

from .models import Membership
from .rules import membership_of


def page_membership_context(request, page):
    """Members (display names only) and the visitor's own place, for the initiative page."""
    members = list(
        Membership.objects.active()
        .filter(initiative=page)
        .select_related("user")
        .only("role", "status", "user__display_name", "user__username")
        .order_by("-role", "joined_at", "pk")
    )
    return {
        "members": members,
        "my_membership": membership_of(request.user, page),
    }
