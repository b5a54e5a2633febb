"""Moderation of the forums: hiding and restoring comments, reports, and the thread settings
(closed, pinned, members-only), shared by the public thread page (moderators, and porteurs on
their own initiative's threads) and the admin queue (moderators).

Each function checks the permission on fresh rows locked until the end of its transaction and
records the decision in Wagtail's audit log, one entry per object with its own uuid (see
``consultation.moderation.log``).

Reports go through the shared ``moderation.models.Report`` (one per reporter and target).
``FORUM_FLAGS_TO_HIDE`` distinct reporters hide a published comment pending review
(status FLAGGED): the comment row is locked first, then the report inserted, then the open
reports counted, so that parallel reports are counted one after the other and none of them
misses the threshold; one member reporting many times stays one row (unique constraint)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from consultation import moderation as consultation_moderation
from consultation.moderation import RESOLVE_REPORT, log
from moderation.models import Report

from . import posting
from .models import Comment, Thread

HIDE = "forums.hide_comment"
RESTORE = "forums.restore_comment"
FLAG = "forums.flag_comment"
CLOSE = "forums.close_thread"
REOPEN = "forums.reopen_thread"
PIN = "forums.pin_thread"
UNPIN = "forums.unpin_thread"
MEMBERS_ONLY = "forums.members_only_thread"
PUBLIC = "forums.public_thread"

REASON_MAX_LENGTH = Comment._meta.get_field("hidden_reason").max_length

# Thread setting -> (field, value, permission, audit action).
THREAD_ACTIONS = {
    "close": ("closed", True, "forums.moderate_thread", CLOSE),
    "open": ("closed", False, "forums.moderate_thread", REOPEN),
    "pin": ("pinned", True, "forums.moderate_thread", PIN),
    "unpin": ("pinned", False, "forums.moderate_thread", UNPIN),
    "members_only": ("members_only", True, "forums.make_thread_members_only", MEMBERS_ONLY),
    "public": ("members_only", False, "forums.make_thread_members_only", PUBLIC),
}


class AlreadyReported(Exception):
    """The reporter has already reported this comment."""


def clean_reason(reason):
    """The reason, stripped; refused when empty or longer than ``hidden_reason`` allows."""
    return consultation_moderation.clean_reason(reason, REASON_MAX_LENGTH)


def comment_content_type():
    return ContentType.objects.get_for_model(Comment)


def open_reports(comments):
    """The open reports of ``comments`` (comments or ids)."""
    return Report.objects.filter(
        content_type=comment_content_type(),
        object_id__in=[getattr(c, "pk", c) for c in comments],
        status=Report.Status.OPEN,
    )


# Comments.


def hide(comment, moderator, reason):
    """Hide ``comment`` from the thread's readers; its author reads ``reason``. Hiding a
    flagged comment confirms it ("keep hidden"); its open reports are resolved."""
    reason = clean_reason(reason)
    with transaction.atomic():
        comment = _locked_comment(comment)
        _check(moderator, "forums.moderate_comment", comment)
        comment.status = Comment.Status.HIDDEN
        comment.hidden_reason = reason
        comment.moderated_by = moderator
        comment.save(update_fields=["status", "hidden_reason", "moderated_by"])
        log(instance=comment, action=HIDE, user=moderator, data={"reason": reason})
        _resolve_reports_of(comment, moderator)
    return comment


def restore(comment, moderator):
    """Show ``comment`` again (or publish a held one: its followers are told then); its open
    reports are resolved."""
    with transaction.atomic():
        locked = _locked_comment(comment)
        _check(moderator, "forums.moderate_comment", locked)
        previous = locked.status
        comment = posting.publish_held(locked, moderator)
        log(instance=comment, action=RESTORE, user=moderator, data={"previous": previous})
        _resolve_reports_of(comment, moderator)
    return _with_thread(comment, locked.forum_thread)


def report(comment, reporter, reason, details=""):
    """``reporter`` reports ``comment`` (once: ``AlreadyReported`` otherwise). Returns the
    report; when it makes ``FORUM_FLAGS_TO_HIDE`` distinct open reports on a published
    comment, the comment is hidden pending review (``comment.status`` is then FLAGGED)."""
    with transaction.atomic():
        # The lock first: parallel reports of this comment wait here, so each one counts the
        # reports committed before it.
        locked = _locked_comment(comment)
        if locked.deleted_at is not None:
            raise PermissionDenied
        try:
            with transaction.atomic():
                new_report = Report.objects.create(
                    content_type=comment_content_type(),
                    object_id=locked.pk,
                    reporter=reporter,
                    reason=reason,
                    details=(details or "").strip(),
                )
        except IntegrityError as error:
            raise AlreadyReported from error
        reporters = open_reports([locked]).values("reporter").distinct().count()
        if locked.status == Comment.Status.PUBLISHED and reporters >= settings.FORUM_FLAGS_TO_HIDE:
            locked.status = Comment.Status.FLAGGED
            locked.save(update_fields=["status"])
            log(instance=locked, action=FLAG, user=None, data={"reporters": reporters})
        if hasattr(comment, "status"):
            comment.status = locked.status
    return new_report


def has_reported(comment, user):
    return Report.objects.filter(
        content_type=comment_content_type(), object_id=comment.pk, reporter=user
    ).exists()


# Threads.


def set_thread(thread, moderator, action):
    """Apply one thread setting (a key of ``THREAD_ACTIONS``); returns the thread and whether
    it changed (asking twice for the same state changes nothing and logs nothing)."""
    field, value, permission, audit_action = THREAD_ACTIONS[action]
    with transaction.atomic():
        locked = (
            Thread.objects.select_for_update(of=("self",))
            .select_related("initiative", "enjeu")
            .get(pk=thread.pk)
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
    thread (the permissions read the thread and its initiative)."""
    locked = Comment.objects.select_for_update(of=("self",)).get(pk=getattr(comment, "pk", comment))
    thread = Thread.objects.select_related("initiative", "enjeu").get(pk=locked.forum_thread_id)
    return _with_thread(locked, thread)


def _with_thread(comment, thread):
    comment.forum_thread = thread
    return comment


def _resolve_reports_of(comment, moderator):
    for open_report in open_reports([comment]).select_for_update():
        open_report.status = Report.Status.RESOLVED
        open_report.save(update_fields=["status"])
        log(instance=open_report, action=RESOLVE_REPORT, user=moderator)
