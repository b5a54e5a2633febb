"""Who may do what with initiatives (rules predicates, tested as a role × action matrix).

Predicates take ``(user, initiative)``; membership-management permissions take
``(user, membership)`` so that a view can only act on a membership of the initiative it
names (see ``initiatives.views.membership``)."""

import rules
from wagtail.models import Page, PageViewRestriction

from accounts.rules import is_editor, is_moderator

from .models import Membership, PorteurVacancy


def membership_of(user, initiative):
    """The user's Membership row for this initiative (or None), cached on the page object."""
    if initiative is None or not user.is_authenticated:
        return None
    cache = initiative.__dict__.setdefault("_membership_cache", {})
    if user.pk not in cache:
        cache[user.pk] = Membership.objects.filter(initiative=initiative, user=user).first()
    return cache[user.pk]


def remember_membership(user, initiative, membership):
    """Set what ``membership_of`` answers for this user and page, e.g. a row just read under
    lock, so that a permission asked again inside a transaction sees the fresh state."""
    initiative.__dict__.setdefault("_membership_cache", {})[user.pk] = membership


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
    """Live and not behind a view restriction (the restriction looked up once per page
    object: a page shows several buttons that each ask)."""
    if initiative is None or not initiative.live:
        return False
    if "_restricted" not in initiative.__dict__:
        initiative.__dict__["_restricted"] = _has_view_restriction(initiative)
    return not initiative.__dict__["_restricted"]


def _has_view_restriction(page):
    """Whether a restriction covers ``page``: on itself or on an ancestor, whose tree paths
    are the prefixes of its own (one query, where ``get_view_restrictions`` takes two)."""
    paths = [page.path[:end] for end in range(Page.steplen, len(page.path) + 1, Page.steplen)]
    return PageViewRestriction.objects.filter(page__path__in=paths).exists()


@rules.predicate
def lost_its_porteurs(user, initiative):
    """The initiative's last porteur deleted their account and nobody took it over yet
    (looked up once per page object)."""
    if initiative is None:
        return False
    if "_without_porteur" not in initiative.__dict__:
        initiative.__dict__["_without_porteur"] = PorteurVacancy.objects.filter(
            initiative_id=initiative.pk
        ).exists()
    return initiative.__dict__["_without_porteur"]


def has_a_porteur(initiative):
    """Tell :func:`lost_its_porteurs` that ``initiative`` has an active porteur (the viewer is
    one), sparing its lookup: promoting a porteur ends the vacancy."""
    initiative.__dict__["_without_porteur"] = False


@rules.predicate
def is_porteur_of_membership(user, membership):
    return membership is not None and is_porteur(user, membership.initiative)


@rules.predicate
def takes_over_membership(user, membership):
    """A moderator acting on a membership of an initiative left without a porteur."""
    return (
        membership is not None
        and is_moderator(user)
        and lost_its_porteurs(user, membership.initiative)
    )


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
# Nobody joins an initiative without a porteur: no one would answer.
rules.add_perm(
    "initiatives.join_initiative",
    rules.is_active & is_published & ~is_member & ~has_pending_request & ~lost_its_porteurs,
)
rules.add_perm("initiatives.leave_initiative", rules.is_active & (is_member | has_pending_request))
# Moderators stand in for the porteurs of an initiative left without one, to name a new one.
rules.add_perm(
    "initiatives.manage_members",
    rules.is_active & (is_porteur | rules.is_superuser | (is_moderator & lost_its_porteurs)),
)
rules.add_perm(
    "initiatives.manage_membership",
    rules.is_active & (is_porteur_of_membership | rules.is_superuser | takes_over_membership),
)
rules.add_perm(
    "initiatives.contact_initiative", rules.is_active & is_published & ~lost_its_porteurs
)
rules.add_perm("initiatives.report_initiative", rules.is_active & is_published & ~is_member)
