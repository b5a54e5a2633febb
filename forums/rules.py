"""Who may do what in the forums (rules predicates, tested as a role × action matrix).

Thread permissions take ``(user, thread)``; comment permissions take ``(user, comment)`` and
read the comment's thread (``comment.forum_thread``, selected with the comment by the views).
What depends on the thread's page (who is a member, who moderates besides the moderators, who
starts threads) is told by the page's owner (``forums.owners``): an initiative's porteurs
moderate its threads only; moderators moderate everywhere. Whether the page itself is published
is checked by the views, which find the forum from the URL (see ``forums.visibility``)."""

import rules

from accounts.rules import is_moderator

from .owners import allows_members_only, owner_of


def _asks(key, user, page):
    """What the owner of ``page`` answers to ``key`` (False when it has no such policy)."""
    owner = owner_of(page)
    return owner is not None and key in owner and bool(owner[key](user, page))


def _asks_of_thread(key, user, thread):
    """What the owner of the thread's page answers to ``key``, asked of the page as its own
    type (loaded only when the owner has such a policy)."""
    if thread is None or not user.is_authenticated:
        return False
    owner = owner_of(thread.page)
    return owner is not None and key in owner and bool(owner[key](user, thread.forum_page))


@rules.predicate
def is_page_member(user, page):
    """A member of the page (an initiative's members and porteurs)."""
    return user.is_authenticated and _asks("is_member", user, page)


@rules.predicate
def may_post_on_page(user, page):
    """The page's owner lets ``user`` start threads there (anyone when it does not say)."""
    owner = owner_of(page)
    if owner is None:
        return False
    return "can_post" not in owner or bool(owner["can_post"](user, page))


@rules.predicate
def is_members_only(user, thread):
    return thread is not None and thread.members_only


@rules.predicate
def allows_members_only_threads(user, thread):
    """The thread's forum can keep threads to its page's members (an initiative's)."""
    return thread is not None and allows_members_only(owner_of(thread.page))


@rules.predicate
def is_thread_member(user, thread):
    """A member of the page the thread belongs to (an initiative's members and porteurs)."""
    return _asks_of_thread("is_member", user, thread)


@rules.predicate
def is_thread_porteur(user, thread):
    """Moderates the thread's page besides the moderators (an initiative's porteurs)."""
    return _asks_of_thread("can_moderate", user, thread)


@rules.predicate
def is_held(user, thread):
    return thread is not None and thread.held


@rules.predicate
def is_thread_author(user, thread):
    return thread is not None and user.is_authenticated and thread.author_id == user.pk


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


@rules.predicate
def is_published(user, comment):
    return comment is not None and comment.status == comment.Status.PUBLISHED


@rules.predicate
def is_hidden_by_a_porteur(user, comment):
    """Hidden by a porteur of its initiative (not by a moderator, nor by the reports)."""
    return (
        comment is not None
        and comment.status == comment.Status.HIDDEN
        and comment.hidden_by_role == comment.HiddenBy.PORTEUR
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
# A thread held for a moderator (a new account's opening message with links) is read by its
# author and the moderators only.
can_read_thread = (~is_members_only | is_thread_member | is_forum_moderator) & (
    ~is_held | is_thread_author | is_forum_moderator
)

rules.add_perm("forums.view_thread", can_read_thread)
# Enjeu forums are open to every citizen; an initiative's threads are started by its members
# (the page's owner says). The object is the page.
rules.add_perm("forums.start_thread", rules.is_active & (may_post_on_page | is_forum_moderator))
rules.add_perm(
    "forums.post_comment",
    rules.is_active & can_read_thread & (~is_closed | is_forum_moderator),
)
rules.add_perm("forums.moderate_thread", rules.is_active & moderates_thread)
rules.add_perm(
    "forums.make_thread_members_only",
    rules.is_active & allows_members_only_threads & (is_thread_porteur | is_forum_moderator),
)
rules.add_perm("forums.follow_thread", rules.is_active & can_read_thread)
rules.add_perm("forums.publish_thread", rules.is_active & is_forum_moderator)

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
# Moderators have the last word: a porteur hides only a published comment and restores only
# what a porteur hid; what a moderator hid, what the reports hid (FLAGGED) and what waits for
# a moderator (HELD) are for moderators. Nobody restores their own comment.
comment_porteur = _on_thread(is_thread_porteur)
rules.add_perm(
    "forums.hide_comment",
    rules.is_active & ~is_deleted & (is_forum_moderator | (comment_porteur & is_published)),
)
rules.add_perm(
    "forums.restore_comment",
    rules.is_active
    & ~is_deleted
    & ~is_comment_author
    & (is_forum_moderator | (comment_porteur & is_hidden_by_a_porteur)),
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
