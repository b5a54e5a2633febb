"""Which threads and comments a person may see, decided inside the queries that list them.

A thread is readable when its forum page (an enjeu, an initiative…) is published and, for a
members-only thread, when the reader is a member of that page (as its owner tells, see
``forums.owners``) or a moderator; a thread held for a moderator (a new account's opening
message with links) only for its author and the moderators. A comment is
shown to every reader when it is published and not deleted; its author also sees it while it is
held or hidden (with the reason), and the thread's moderators see everything."""

from django.db.models import Q

from accounts.rules import is_moderator

from .models import Comment, Thread
from .owners import allows_members_only, owners, published_enjeux

__all__ = [
    "not_held",
    "public_comments",
    "public_threads",
    "published_enjeux",
    "readable_threads",
]


def public_pages():
    """The ids of the pages whose public threads anyone may read: every owner's public pages."""
    return [
        owner["public"](owner["model"].objects.all()).values("pk") for owner in owners().values()
    ]


def public_threads():
    """Threads anyone may read: not members-only, in a page its owner shows to everyone."""
    condition = Q(pk__in=[])
    for pages in public_pages():
        condition |= Q(page__in=pages)
    return Thread.objects.public().filter(condition)


def readable_threads(user, queryset=None):
    """Threads of ``queryset`` that ``user`` may read, leaving aside whether their forum page is
    published (the views check the page they come from): members-only threads only for the
    members of their page and for moderators."""
    queryset = Thread.objects.all() if queryset is None else queryset
    if user.is_authenticated and (user.is_superuser or is_moderator(user)):
        return queryset
    if not user.is_authenticated:
        return queryset.filter(members_only=False, held=False)
    condition = Q(members_only=False)
    for owner in owners().values():
        if allows_members_only(owner):
            condition |= Q(page__in=owner["member_pages"](user))
    return queryset.filter(condition).not_held_for(user)


def not_held(user, queryset):
    """Threads of ``queryset`` less those held for a moderator, but the user's own (all of
    them for the moderators): for the lists that skip ``readable_threads`` (a page's members
    read all its threads)."""
    moderator = user.is_authenticated and (user.is_superuser or is_moderator(user))
    return queryset.not_held_for(user, moderator=moderator)


def public_comments():
    """Comments anyone may read: published, not deleted, in a public thread."""
    return Comment.objects.published().filter(forum_thread__in=public_threads().values("pk"))


def shown_comments(user, thread, moderates=False):
    """Comments of ``thread`` shown to ``user`` with their text: published ones, the user's own
    in any state but deleted, and everything for the thread's moderators (``moderates``). Other
    comments only appear as "message supprimé / masqué" placeholders where they have replies."""
    return Comment.objects.filter(forum_thread=thread).filter(shown_condition(user, moderates))


def shown_condition(user, moderates=False):
    """The condition of ``shown_comments`` on a comment's own row, for the queries that test
    it row by row rather than through a subquery over the whole thread."""
    if moderates:
        return Q(deleted_at__isnull=True)
    condition = Q(status=Comment.Status.PUBLISHED, deleted_at__isnull=True)
    if user.is_authenticated:
        condition |= Q(user=user, deleted_at__isnull=True)
    return condition
