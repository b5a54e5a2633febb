"""The moderators' queue of forum comments in the Wagtail admin: comments hidden pending review
(flagged by several members), held for moderation (new accounts posting links), and published
comments with open reports. Each shows its text, its thread and the reports with their
reasons; the moderator publishes it (the reports are resolved), or hides it with a reason its
author reads ("keep hidden" for a flagged one).

Moderators (group Modérateurs) and superusers only; porteurs moderate their threads from the
public thread page. Decisions go through ``forums.moderation`` (permission, lock, audit log).
Threads held for a moderator are listed above the comments, each with a button to publish it."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from moderation import reports

from . import moderation
from .models import Comment, Thread
from .rules import is_forum_moderator

PER_PAGE = 20

# Filter of the queue (?show=) -> (label, condition).
FILTERS = {
    "all": gettext_lazy("Everything to review"),
    "flagged": gettext_lazy("Hidden pending review"),
    "held": gettext_lazy("Held for moderation"),
    "reported": gettext_lazy("Published, with reports"),
}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("publish", "publish"), ("hide", "hide")])
    reason = forms.CharField(required=False, max_length=moderation.REASON_MAX_LENGTH)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "hide":
            try:
                cleaned["reason"] = moderation.clean_reason(cleaned.get("reason"))
            except ValidationError as error:
                self.add_error("reason", error)
        return cleaned


def check_moderator(user):
    if not (user.is_authenticated and user.is_active and is_forum_moderator(user)):
        raise PermissionDenied


def queue(show="all"):
    """Comments waiting for a moderator, oldest first (the longest wait first)."""
    reported = reports.open_reports(Comment).values("object_id")
    conditions = {
        "flagged": Q(status=Comment.Status.FLAGGED),
        "held": Q(status=Comment.Status.HELD),
        # Published, or hidden by a porteur (whose decisions resolve no report).
        "reported": Q(
            status__in=[Comment.Status.PUBLISHED, Comment.Status.HIDDEN], pk__in=reported
        ),
    }
    condition = conditions.get(show) or (
        conditions["flagged"] | conditions["held"] | conditions["reported"]
    )
    return (
        Comment.objects.filter(condition, deleted_at__isnull=True)
        .select_related("forum_thread", "forum_thread__page", "user")
        .annotate(open_reports=reports.open_reports_count(Comment))
        .order_by("submit_date", "pk")
    )


def held_threads():
    """Threads held for a moderator (a new account's opening message with links), oldest
    first; the moderator publishes one from its page (``forums:thread-settings``)."""
    return (
        Thread.objects.filter(held=True)
        .select_related("page", "author")
        .order_by("created_at", "pk")
    )


def attach_reports(comments):
    """Each comment's open reports, in one query for the page."""
    by_comment = {}
    open_ones = (
        reports.open_reports(Comment, comments)
        .select_related("reporter")
        .order_by("created_at", "pk")
    )
    for report in open_ones:
        by_comment.setdefault(report.object_id, []).append(report)
    for comment in comments:
        comment.report_list = by_comment.get(comment.pk, [])


def _show(request):
    show = request.GET.get("show", "all")
    return show if show in FILTERS else "all"


def _render_queue(request, *, show, page_number, status=200, failed=None):
    paginator = Paginator(queue(show), PER_PAGE)
    page = paginator.get_page(page_number)
    comments = list(page.object_list)
    if failed is not None:
        # The comment whose decision was refused shows the moderator's typed reason and errors.
        for comment in comments:
            if comment.pk == failed[0].pk:
                comment.decision_form = failed[1]
    attach_reports(comments)
    for comment in comments:
        comment.thread_url = comment.get_absolute_url()
    context = {
        "page_title": _("Forum moderation"),
        "header_title": _("Forum moderation"),
        "header_icon": "comment",
        "comments": comments,
        "items": page,
        "elided_page_range": paginator.get_elided_page_range(page.number),
        "show": show,
        "filters": [
            {"key": key, "label": label, "url": f"{reverse('forums_moderation_queue')}?show={key}"}
            for key, label in FILTERS.items()
        ],
        "queue_url": reverse("forums_moderation_queue"),
        "held_threads": held_threads(),
        "reason_max_length": moderation.REASON_MAX_LENGTH,
    }
    return TemplateResponse(request, "forums/admin/queue.html", context, status=status)


@require_GET
def queue_view(request):
    check_moderator(request.user)
    return _render_queue(request, show=_show(request), page_number=request.GET.get("p"))


@require_POST
def decide_view(request, comment_id):
    """Publish the comment (its reports resolved), or hide it with a reason."""
    check_moderator(request.user)
    comment = get_object_or_404(
        Comment.objects.select_related("forum_thread", "forum_thread__page"),
        pk=comment_id,
        deleted_at__isnull=True,
    )
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The comment was not changed: see the reason below."))
        return _render_queue(
            request,
            show=_show(request),
            page_number=request.GET.get("p"),
            status=400,
            failed=(comment, form),
        )
    if form.cleaned_data["decision"] == "publish":
        was_held = comment.status == Comment.Status.HELD
        moderation.restore(comment, request.user)
        messages.success(
            request,
            _("The comment is published.")
            if was_held or comment.status != Comment.Status.PUBLISHED
            else _("The reports are dismissed; the comment stays published."),
        )
    else:
        moderation.hide(comment, request.user, form.cleaned_data["reason"])
        messages.success(request, _("The comment is hidden; its author can read your reason."))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("forums_moderation_queue")
    return redirect(back)
