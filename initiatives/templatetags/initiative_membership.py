"""The citizen's initiatives in short, for the profile page."""

from django import template

from initiatives.models import Membership

register = template.Library()

PROFILE_LIST_LENGTH = 5


@register.simple_tag
def my_initiatives_summary(user):
    """The citizen's latest memberships (initiative title and state), at most five, and
    whether there are more: one query."""
    if not user.is_authenticated:
        return {"memberships": [], "more": False}
    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("initiative")
        .only("role", "status", "created_at", "initiative__title", "initiative__live")
        .order_by("-created_at", "-pk")[: PROFILE_LIST_LENGTH + 1]
    )
    return {
        "memberships": memberships[:PROFILE_LIST_LENGTH],
        "more": len(memberships) > PROFILE_LIST_LENGTH,
    }
