"""Who may do what in the forums (rules predicates, tested as a role × action matrix).

Thread permissions take ``(user, thread)``; comment permissions take ``(user, comment)`` and
read the comment's thread (``comment.forum_thread``, selected with the comment by the views).
Porteurs moderate the threads of their own initiative only; moderators moderate everywhere.
Whether the enjeu or initiative page itself is published is checked by the views, which find
the forum from the URL (see ``forums.visibility``)."""

import rules

from accounts.rules import is_moderator
from initiatives.rules import is_member, is_porteur


def _initiative(thread):
    return thread.initiative if thread is not None and thread.initiative_id else None


@rules.predicate
def is_members_only(user, thread):
    return thread is not None and thread.members_only


@rules.predicate
def is_initiative_thread(user, thread):
    return thread is not None and bool(thread.initiative_id)


@rules.predicate
def is_thread_member(user, thread):
    """A member (or porteur) of the initiative the thread belongs to."""
    initiative = _initiative(thread)
    return initiative is not None and is_member(user, initiative)


@rules.predicate
def is_thread_porteur(user, thread):
    initiative = _initiative(thread)
    return initiative is not None and is_porteur(user, initiative)


@rules.predicate
def is_closed(user, thread):
    return thread is not None and thread.closed


@rules.predicate
def is_comment_author(user, comment):
    return comment is not None and user.is_authenticated and comment.user_id == user.pk


@rules.predicate
def is_deleted(user, comment):
    return comment is not None and comment.deleted_at is not None


@rules.predicate
def is_removed_by_moderation(user, comment):
    return comment is not None and comment.status in (
        comment.Status.HIDDEN,
        comment.Status.FLAGGED,
    )


def _on_thread(predicate):
    """A thread predicate asked of a comment's thread."""

    @rules.predicate(name=f"comment_{predicate.name}")
    def on_comment_thread(user, comment):
        return comment is not None and predicate(user, comment.forum_thread)

    return on_comment_thread


is_forum_moderator = is_moderator | rules.is_superuser
# Moderates this thread: a moderator, or a porteur of the thread's initiative.
moderates_thread = is_forum_moderator | is_thread_porteur
can_read_thread = ~is_members_only | is_thread_member | is_forum_moderator

rules.add_perm("forums.view_thread", can_read_thread)
# Enjeu forums are open to every citizen; an initiative's threads are started by its members.
rules.add_perm(
    "forums.add_thread_in_initiative", rules.is_active & (is_member | is_forum_moderator)
)
rules.add_perm(
    "forums.post_comment",
    rules.is_active & can_read_thread & (~is_closed | is_forum_moderator),
)
rules.add_perm("forums.moderate_thread", rules.is_active & moderates_thread)
rules.add_perm(
    "forums.make_thread_members_only",
    rules.is_active & is_initiative_thread & (is_thread_porteur | is_forum_moderator),
)
rules.add_perm("forums.follow_thread", rules.is_active & can_read_thread)

comment_thread_readable = _on_thread(can_read_thread)
comment_thread_open = _on_thread(~is_closed)
rules.add_perm(
    "forums.change_comment",
    rules.is_active
    & is_comment_author
    & ~is_deleted
    & ~is_removed_by_moderation
    & comment_thread_readable
    & comment_thread_open,
)
rules.add_perm(
    "forums.delete_comment",
    rules.is_active & is_comment_author & ~is_deleted & comment_thread_readable,
)
rules.add_perm(
    "forums.moderate_comment", rules.is_active & _on_thread(moderates_thread) & ~is_deleted
)
rules.add_perm(
    "forums.react_to_comment",
    rules.is_active & comment_thread_readable & ~is_deleted & ~is_removed_by_moderation,
)
rules.add_perm(
    "forums.report_comment",
    rules.is_active
    & comment_thread_readable
    & ~is_comment_author
    & ~is_deleted
    & ~is_removed_by_moderation,
)
