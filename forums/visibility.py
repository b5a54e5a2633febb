"""Which threads and comments a person may see, decided inside the queries that list them.

A thread is readable when its forum page (the enjeu, or the initiative) is published and, for a
members-only thread, when the reader is a member of the initiative or a moderator. A comment is
shown to every reader when it is published and not deleted; its author also sees it while it is
held or hidden (with the reason), and the thread's moderators see everything."""

from django.db.models import Exists, OuterRef, Q

from accounts.rules import is_moderator
from cms_pages.models import EnjeuPage
from cms_pages.visibility import without_restricted
from initiatives.models import Membership
from initiatives.public import published_initiatives

from .models import Comment, Thread


def published_enjeux():
    return without_restricted(EnjeuPage.objects.live())


def public_threads():
    """Threads anyone may read: not members-only, in a published enjeu or initiative."""
    return Thread.objects.public().filter(
        Q(enjeu__in=published_enjeux().values("pk"))
        | Q(initiative__in=published_initiatives().values("pk"))
    )


def readable_threads(user, queryset=None):
    """Threads of ``queryset`` that ``user`` may read, leaving aside whether their forum page is
    published (the views check the page they come from): members-only threads only for the
    initiative's active members and for moderators."""
    queryset = Thread.objects.all() if queryset is None else queryset
    if user.is_authenticated and (user.is_superuser or is_moderator(user)):
        return queryset
    if not user.is_authenticated:
        return queryset.filter(members_only=False)
    membership = Membership.objects.filter(
        initiative=OuterRef("initiative"), user=user, status=Membership.Status.ACTIVE
    )
    return queryset.filter(Q(members_only=False) | Exists(membership))


def public_comments():
    """Comments anyone may read: published, not deleted, in a public thread."""
    return Comment.objects.published().filter(forum_thread__in=public_threads().values("pk"))


def shown_comments(user, thread, moderates=False):
    """Comments of ``thread`` shown to ``user`` with their text: published ones, the user's own
    in any state but deleted, and everything for the thread's moderators (``moderates``). Other
    comments only appear as "message supprimé / masqué" placeholders where they have replies."""
    comments = Comment.objects.filter(forum_thread=thread)
    if moderates:
        return comments.filter(deleted_at__isnull=True)
    condition = Q(status=Comment.Status.PUBLISHED, deleted_at__isnull=True)
    if user.is_authenticated:
        condition |= Q(user=user, deleted_at__isnull=True)
    return comments.filter(condition)
