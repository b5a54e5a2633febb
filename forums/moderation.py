"""Moderation of the forums: hiding and restoring comments, reports, and the thread settings
(closed, pinned, members-only), shared by the public thread page (moderators, and porteurs on
their own initiative's threads) and the admin queue (moderators).

Each function checks the permission on fresh rows locked until the end of its transaction and
records the decision in Wagtail's audit log, one entry per object with its own uuid (see
``moderation.audit.log``).

Reports go through the core (``moderation.reports``, one report per reporter and target):
``FORUM_FLAGS_TO_HIDE`` distinct reporters hide a published comment pending review (status
FLAGGED), as :class:`CommentReports` tells the core; the comment row is locked first, then the
report inserted, then the open reports counted, so that parallel reports are counted one after
the other and none of them misses the threshold."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from moderation import reasons, reports
from moderation.audit import log
from moderation.registry import Reportable

from . import posting
from .models import Comment, Thread
from .rules import is_forum_moderator

HIDE = "forums.hide_comment"
RESTORE = "forums.restore_comment"
FLAG = "forums.flag_comment"
CLOSE = "forums.close_thread"
REOPEN = "forums.reopen_thread"
PIN = "forums.pin_thread"
UNPIN = "forums.unpin_thread"
MEMBERS_ONLY = "forums.members_only_thread"
PUBLIC = "forums.public_thread"
PUBLISH_THREAD = "forums.publish_thread"

REASON_MAX_LENGTH = Comment._meta.get_field("hidden_reason").max_length

# Thread setting -> (field, value, permission, audit action).
THREAD_ACTIONS = {
    "close": ("closed", True, "forums.moderate_thread", CLOSE),
    "open": ("closed", False, "forums.moderate_thread", REOPEN),
    "pin": ("pinned", True, "forums.moderate_thread", PIN),
    "unpin": ("pinned", False, "forums.moderate_thread", UNPIN),
    "members_only": ("members_only", True, "forums.make_thread_members_only", MEMBERS_ONLY),
    "public": ("members_only", False, "forums.make_thread_members_only", PUBLIC),
    # A thread held for a moderator (see ``posting.start_thread``): moderators only.
    "publish": ("held", False, "forums.publish_thread", PUBLISH_THREAD),
}


AlreadyReported = reports.AlreadyReported


def clean_reason(reason):
    """The reason, stripped; refused when empty or longer than ``hidden_reason`` allows."""
    return reasons.clean_reason(reason, REASON_MAX_LENGTH)


# Comments.


def hide(comment, moderator, reason):
    """Hide ``comment`` from the thread's readers; its author reads ``reason``. Hiding a
    flagged comment confirms it ("keep hidden"). Who hid it is recorded (``hidden_by_role``):
    a porteur may restore only what a porteur hid (``forums.restore_comment``). A moderator's
    decision resolves the comment's open reports; a porteur's leaves them open, for the
    moderators' queue."""
    reason = clean_reason(reason)
    with transaction.atomic():
        comment = _locked_comment(comment)
        _check(moderator, "forums.hide_comment", comment)
        by_moderator = bool(is_forum_moderator(moderator))
        comment.status = Comment.Status.HIDDEN
        comment.hidden_reason = reason
        comment.moderated_by = moderator
        comment.hidden_by_role = (
            Comment.HiddenBy.MODERATOR if by_moderator else Comment.HiddenBy.PORTEUR
        )
        comment.save(update_fields=["status", "hidden_reason", "moderated_by", "hidden_by_role"])
        log(
            instance=comment,
            action=HIDE,
            user=moderator,
            data={"reason": reason, "role": comment.hidden_by_role},
        )
        if by_moderator:
            _resolve_reports_of(comment, moderator)
    return comment


def restore(comment, moderator):
    """Show ``comment`` again (or publish a held one: its followers are told then). Only a
    moderator restores what a moderator or the reports hid, or what is held; a porteur only
    what a porteur hid, and never their own comment (``forums.restore_comment``). A
    moderator's decision resolves the open reports; a porteur's never does."""
    with transaction.atomic():
        locked = _locked_comment(comment)
        _check(moderator, "forums.restore_comment", locked)
        previous = locked.status
        comment = posting.publish_held(locked, moderator)
        log(instance=comment, action=RESTORE, user=moderator, data={"previous": previous})
        if is_forum_moderator(moderator):
            _resolve_reports_of(comment, moderator)
    return _with_thread(comment, locked.forum_thread)


class CommentReports(Reportable):
    """What the core needs to file a report of a comment: lock its row, and hide it pending
    review (FLAGGED) once ``FORUM_FLAGS_TO_HIDE`` distinct members reported it while it was
    published. ``forums.views.moderation.CommentReportable`` adds the report page."""

    model = Comment

    def describe(self, target):
        """« Commentaire de Karim B. dans “Des bus le dimanche” »."""
        author = target.user.public_name if target.user_id else target.user_name
        return _("Comment by %(author)s in “%(thread)s”") % {
            "author": author,
            "thread": target.forum_thread.title,
        }

    def admin_queryset(self):
        return Comment.objects.select_related("user", "forum_thread")

    @property
    def hide_threshold(self):
        return settings.FORUM_FLAGS_TO_HIDE

    def lock(self, target):
        locked = _locked_comment(target)
        if locked.deleted_at is not None:
            raise PermissionDenied
        return locked

    def can_hide(self, target):
        return target.status == Comment.Status.PUBLISHED

    def hide(self, target, reporters):
        target.status = Comment.Status.FLAGGED
        target.hidden_by_role = Comment.HiddenBy.AUTOMATIC
        target.save(update_fields=["status", "hidden_by_role"])
        log(instance=target, action=FLAG, user=None, data={"reporters": reporters})


def report(comment, reporter, reason, details=""):
    """``reporter`` reports ``comment`` (once: ``AlreadyReported`` otherwise). Returns the
    report; when it makes ``FORUM_FLAGS_TO_HIDE`` distinct open reports on a published
    comment, the comment is hidden pending review (``comment.status`` is then FLAGGED)."""
    new_report = reports.file_report(CommentReports(), comment, reporter, reason, details)
    if hasattr(comment, "status"):
        comment.status = new_report.target.status
    return new_report


def has_reported(comment, user):
    return reports.has_reported(comment, user)


# Threads.


def set_thread(thread, moderator, action):
    """Apply one thread setting (a key of ``THREAD_ACTIONS``); returns the thread and whether
    it changed (asking twice for the same state changes nothing and logs nothing)."""
    field, value, permission, audit_action = THREAD_ACTIONS[action]
    with transaction.atomic():
        locked = (
            Thread.objects.select_for_update(of=("self",)).select_related("page").get(pk=thread.pk)
        )
        _check(moderator, permission, locked)
        if getattr(locked, field) == value:
            return locked, False
        setattr(locked, field, value)
        locked.save(update_fields=[field])
        log(instance=locked, action=audit_action, user=moderator)
    return locked, True


# Helpers.


def _check(user, permission, obj):
    if user is None or not user.has_perm(permission, obj):
        raise PermissionDenied


def _locked_comment(comment):
    """The comment as stored now, its row locked until the end of the transaction, with its
    thread (the permissions read the thread and its page)."""
    locked = Comment.objects.select_for_update(of=("self",)).get(pk=getattr(comment, "pk", comment))
    thread = Thread.objects.select_related("page").get(pk=locked.forum_thread_id)
    return _with_thread(locked, thread)


def _with_thread(comment, thread):
    comment.forum_thread = thread
    return comment


def _resolve_reports_of(comment, moderator):
    reports.resolve_reports_of(Comment, [comment], moderator)
