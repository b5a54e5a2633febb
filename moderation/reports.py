"""Reports: filing one, finding the open ones, resolving them.

One :class:`moderation.models.Report` per reporter and target (a unique constraint). Filing a
report of a reportable with a ``hide_threshold`` locks the target's row first (the
reportable's ``lock``), then inserts the report, then counts the distinct reporters with open
reports: parallel reports of one target are counted one after the other, so none of them
misses the threshold; the reportable then hides the target pending review.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from .audit import RESOLVE_REPORT, log
from .models import Report


class AlreadyReported(Exception):
    """The reporter has already reported this target."""


def reports_of(model, targets=None):
    """The reports of ``targets`` (instances or primary keys of ``model``; ``None``: all of
    them)."""
    found = Report.objects.filter(content_type=ContentType.objects.get_for_model(model))
    if targets is None:
        return found
    return found.filter(object_id__in=[getattr(target, "pk", target) for target in targets])


def open_reports(model, targets=None):
    """The open reports of ``targets`` (instances or primary keys of ``model``; ``None``: all
    of them)."""
    return reports_of(model, targets).filter(status=Report.Status.OPEN)


def open_reports_count(model):
    """An expression for querysets of ``model``: each row's number of open reports (a
    subquery, since a report's target is generic)."""
    counts = (
        open_reports(model)
        .filter(object_id=OuterRef("pk"))
        .order_by()
        .values("object_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts), 0)


def has_reported(target, user):
    """Whether ``user`` has reported ``target``, whatever became of the report."""
    return Report.objects.filter(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        reporter=user,
    ).exists()


def file_report(reportable, target, reporter, reason, details=""):
    """``reporter`` reports ``target`` (once: :class:`AlreadyReported` otherwise) and returns
    the report, whose ``target`` is the row as stored when it was filed; when the report makes
    ``reportable.hide_threshold`` distinct reporters, the reportable hides the target."""
    with transaction.atomic():
        # The lock first: parallel reports of this target wait here, so each one counts the
        # reports committed before it.
        locked = reportable.lock(target)
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    target=locked,
                    reporter=reporter,
                    reason=reason,
                    details=(details or "").strip(),
                )
        except IntegrityError as error:
            raise AlreadyReported from error
        threshold = reportable.hide_threshold
        if threshold is not None:
            # One report per reporter (a unique constraint), so one open report is one
            # reporter, a deleted account's (no reporter any more) included.
            reporters = open_reports(reportable.model, [locked]).count()
            if reporters >= threshold and reportable.can_hide(locked):
                reportable.hide(locked, reporters)
    return report


def resolve_reports(reports, moderator):
    """Mark the open ones of ``reports`` resolved, each one in the audit log; returns them.
    The caller checks that ``moderator`` may."""
    resolved = []
    with transaction.atomic():
        open_ones = Report.objects.select_for_update().filter(
            pk__in=[report.pk for report in reports], status=Report.Status.OPEN
        )
        for report in open_ones:
            _resolve(report, moderator)
            resolved.append(report)
    return resolved


def resolve_reports_of(model, targets, moderator):
    """Resolve the open reports of ``targets`` (instances or primary keys of ``model``),
    e.g. once a moderator has decided on them. The caller checks that ``moderator`` may."""
    resolved = []
    with transaction.atomic():
        for report in open_reports(model, targets).select_for_update():
            _resolve(report, moderator)
            resolved.append(report)
    return resolved


def _resolve(report, moderator):
    report.status = Report.Status.RESOLVED
    report.save(update_fields=["status"])
    log(instance=report, action=RESOLVE_REPORT, user=moderator)
