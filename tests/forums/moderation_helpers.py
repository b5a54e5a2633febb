"""Helpers of the moderation tests: a thread with a comment to moderate, reporters, reports
posted straight to the service, the audit log entries of an object, and parallel runs."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import ModelLogEntry

from forums import moderation
from forums.models import Comment, Thread
from initiatives.models import InitiativeIndexPage
from moderation.models import Report
from tests import factories

from .core_helpers import comment, enjeu_thread, initiative_thread, old_account, world


def reported_world():
    """The forums world, an enjeu thread and an initiative thread, each with one published
    comment by an old account (so that links are not held)."""
    w = world()
    author = old_account()
    w.author = author
    w.enjeu_thread = enjeu_thread(w.enjeu, author)
    w.enjeu_comment = comment(w.enjeu_thread, author, "Un message à modérer.")
    w.initiative_thread = initiative_thread(w.initiative, w.member)
    w.initiative_comment = comment(w.initiative_thread, author, "Un message d'initiative.")
    return w


def reporters(count):
    return [old_account() for _ in range(count)]


def report(target, reporter, reason=Report.Reason.SPAM, details=""):
    return moderation.report(target, reporter, reason, details)


def reports_of(target):
    return Report.objects.filter(
        content_type=ContentType.objects.get_for_model(Comment), object_id=target.pk
    )


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def fresh_comment(target):
    return Comment.objects.get(pk=target.pk)


def fresh_thread(thread):
    return Thread.objects.get(pk=thread.pk)


def log_actions(obj):
    return list(
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
        )
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def other_initiative_porteur(home_page=None):
    """A porteur of another initiative (in the same index as the world's)."""
    index = InitiativeIndexPage.objects.first()
    other = factories.InitiativePageFactory(parent=index)
    return factories.MembershipFactory(initiative=other).user
