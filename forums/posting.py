"""Posting in the forums: starting a thread, adding a comment or a reply.

The views check the permission (``forums.post_comment``) and the per-account rate limit; these
functions store the message and its consequences in one transaction: the thread's last
activity, the author following the thread, the followers' e-mails and digest entries (e-mails go
through the outbox and leave after commit, so a dead mail server never loses a comment).

The thread row is locked while a comment is added: django-comments-xtd numbers the comments of a
tree (``order``) by reading then shifting the numbers of the others, which two parallel replies
would otherwise do on the same numbers."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.db import IntegrityError, transaction
from django.utils import timezone

from cms_pages.extension_points import objects_changed

from . import notifications
from .formatting import count_links
from .models import Comment, Thread, ThreadFollow
from .owners import allows_members_only, owner_of

USER_NAME_MAX_LENGTH = 50  # django-contrib-comments' column


def is_new_account(user, now=None):
    now = now or timezone.now()
    return user.date_joined > now - timedelta(days=settings.FORUM_NEW_ACCOUNT_DAYS)


def held_for_links(user, text):
    """New accounts posting several links wait for a moderator (a common spam pattern): their
    comments, and the opening message of their threads."""
    return is_new_account(user) and count_links(text) >= settings.FORUM_HOLD_LINKS


def follow(thread, user):
    """``user`` follows ``thread`` (nothing happens if they already do)."""
    try:
        with transaction.atomic():
            ThreadFollow.objects.get_or_create(thread=thread, user=user)
    except IntegrityError:
        # A parallel request created the same follow first.
        pass


@transaction.atomic
def start_thread(*, author, title, body, page, territory=None, members_only=False):
    """A new thread in the forum of ``page`` (a page some owner registers, see
    ``forums.owners``), whose author follows it. Only a page whose owner has members may keep
    a thread to them (``members_only``). A new account's thread whose title and opening
    message hold several links waits for a moderator (``held``), as its comments would."""
    owner = owner_of(page)
    if owner is None:
        raise ValueError(f"No forum on {page!r}: no thread owner registers its type")
    if members_only and not allows_members_only(owner):
        raise ValueError(f"The forum of {page!r} keeps no thread to members")
    now = timezone.now()
    thread = Thread.objects.create(
        page=page,
        title=title,
        body=body,
        author=author,
        territory=territory,
        members_only=members_only,
        held=held_for_links(author, f"{title}\n{body}"),
        created_at=now,
        last_activity_at=now,
    )
    follow(thread, author)
    return thread


@transaction.atomic
def post_comment(*, thread, author, text, parent=None, notify=True):
    """A new comment in ``thread``, or a reply to ``parent`` (a comment of the same thread, at
    most two levels deep: the view checks ``parent.allow_thread()``). Returns the comment; its
    status is HELD when a moderator must read it first. ``notify=False`` tells no follower
    (the demo content, written in the past)."""
    locked = Thread.objects.select_for_update().get(pk=thread.pk)
    now = timezone.now()
    status = Comment.Status.HELD if held_for_links(author, text) else Comment.Status.PUBLISHED
    comment = Comment(
        forum_thread=locked,
        content_type=ContentType.objects.get_for_model(Thread),
        object_pk=str(locked.pk),
        site_id=Site.objects.get_current().pk,
        user=author,
        user_name=str(author.public_name)[:USER_NAME_MAX_LENGTH],
        comment=text,
        submit_date=now,
        parent_id=parent.pk if parent is not None else 0,
        followup=True,
        status=status,
    )
    comment.save()
    if status == Comment.Status.PUBLISHED:
        locked.last_activity_at = now
        locked.save(update_fields=["last_activity_at"])
    follow(locked, author)
    if notify and status == Comment.Status.PUBLISHED:
        notifications.comment_published(comment)
    return comment


@transaction.atomic
def publish_held(comment, moderator):
    """A moderator lets a held (or flagged) comment through: it is shown, and the followers are
    told as if it had just been posted."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    was_held = comment.status == Comment.Status.HELD
    comment.status = Comment.Status.PUBLISHED
    comment.moderated_by = moderator
    comment.hidden_reason = ""
    comment.hidden_by_role = ""
    comment.save(update_fields=["status", "moderated_by", "hidden_reason", "hidden_by_role"])
    if was_held:
        Thread.objects.filter(pk=comment.forum_thread_id).update(last_activity_at=timezone.now())
        # An update sends no signal: the thread's search document shows its date.
        objects_changed.send(sender=Thread, pks=[comment.forum_thread_id])
        notifications.comment_published(comment)
    return comment
