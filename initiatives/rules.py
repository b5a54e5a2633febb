"""Who may do what with initiatives (rules predicates, tested as a role × action matrix).

Predicates take ``(user, initiative)``; membership-management permissions take
``(user, membership)`` so that a view can only act on a membership of the initiative it
names (see ``initiatives.views.membership``)."""

import rules

from accounts.rules import is_editor, is_moderator


def membership_of(user, initiative):
    """The user's Membership row for this initiative (or None), cached on the page object."""
    if initiative is None or not user.is_authenticated:
        return None
    cache = initiative.__dict__.setdefault("_membership_cache", {})
    if user.pk not in cache:
        from .models import Membership

        cache[user.pk] = Membership.objects.filter(initiative=initiative, user=user).first()
    return cache[user.pk]


@rules.predicate
def is_member(user, initiative):
    """An accepted member or porteur."""
    membership = membership_of(user, initiative)
    return membership is not None and membership.status == membership.Status.ACTIVE


@rules.predicate
def is_porteur(user, initiative):
    membership = membership_of(user, initiative)
    return membership is not None and membership.is_porteur


@rules.predicate
def has_pending_request(user, initiative):
    membership = membership_of(user, initiative)
    return membership is not None and membership.status == membership.Status.PENDING


@rules.predicate
def is_published(user, initiative):
    """Live and not behind a view restriction."""
    return (
        initiative is not None
        and initiative.live
        and not initiative.get_view_restrictions().exists()
    )


@rules.predicate
def is_porteur_of_membership(user, membership):
    return membership is not None and is_porteur(user, membership.initiative)


@rules.predicate
def is_own_membership(user, membership):
    return membership is not None and user.is_authenticated and membership.user_id == user.pk


is_staff_reader = is_moderator | is_editor | rules.is_superuser

rules.add_perm("initiatives.view_initiative", is_published | is_member | is_staff_reader)
rules.add_perm("initiatives.add_initiative", rules.is_active)
rules.add_perm("initiatives.change_initiative", rules.is_active & (is_member | rules.is_superuser))
rules.add_perm(
    "initiatives.view_history", rules.is_active & (is_member | is_moderator | rules.is_superuser)
)
rules.add_perm("initiatives.restore_revision", rules.is_active & (is_member | rules.is_superuser))
# Publication is approved in the admin through the moderation workflow.
rules.add_perm(
    "initiatives.publish_initiative", rules.is_active & (is_moderator | rules.is_superuser)
)
rules.add_perm(
    "initiatives.join_initiative",
    rules.is_active & is_published & ~is_member & ~has_pending_request,
)
rules.add_perm("initiatives.leave_initiative", rules.is_active & (is_member | has_pending_request))
rules.add_perm("initiatives.manage_members", rules.is_active & (is_porteur | rules.is_superuser))
rules.add_perm(
    "initiatives.manage_membership",
    rules.is_active & (is_porteur_of_membership | rules.is_superuser),
)
rules.add_perm("initiatives.contact_initiative", rules.is_active & is_published)
rules.add_perm("initiatives.report_initiative", rules.is_active & is_published & ~is_member)
