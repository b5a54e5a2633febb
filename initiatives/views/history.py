"""An initiative's history: every revision (who, when, what changed), one revision's
field-by-field diff, and restoring an earlier version (as a new revision, with the same
stale-save protection as the edit form)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import PageLogEntry

from .. import editing, publication
from .common import get_initiative
from .saving import back_url, save_with_retries, success_redirect

VIEW_HISTORY = "initiatives.view_history"
RESTORE = "initiatives.restore_revision"
HISTORY_PER_PAGE = 30


def _markers(page):
    """The live revision's id and the id of the one awaiting the moderators (the latest,
    which an approval publishes)."""
    live_id = page.live_revision_id if page.live else None
    pending_id = page.latest_revision_id if publication.open_workflow_state(page) else None
    return live_id, pending_id


@login_required
@require_GET
def history(request, pk):
    """Every revision, newest first, with its author, date and the fields it changed."""
    page = get_initiative(request, pk, VIEW_HISTORY)
    paginator = Paginator(page.revisions.select_related("user").order_by("-pk"), HISTORY_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    revisions = list(page_obj.object_list)
    before_page = editing.previous_revision(page, revisions[-1]) if revisions else None
    published = set(
        PageLogEntry.objects.filter(
            page=page, action="wagtail.publish", revision__in=[r.pk for r in revisions]
        ).values_list("revision_id", flat=True)
    )
    live_id, pending_id = _markers(page)
    rows = []
    for index, revision in enumerate(revisions):
        previous = revisions[index + 1] if index + 1 < len(revisions) else before_page
        rows.append(
            {
                "revision": revision,
                "author": editing.author_name(revision),
                "changed": editing.changed_fields(
                    previous.content if previous else None, revision.content
                ),
                "first": previous is None,
                "published": revision.pk in published,
                "live": revision.pk == live_id,
                "pending": revision.pk == pending_id,
            }
        )
    return render(
        request,
        "initiatives/history.html",
        {
            "initiative": page,
            "rows": rows,
            "page_obj": page_obj,
            "back_url": back_url(request, page),
            "can_edit": request.user.has_perm("initiatives.change_initiative", page),
        },
    )


def _revision_of(page, revision_id):
    return get_object_or_404(page.revisions.select_related("user"), pk=revision_id)


@login_required
@require_GET
def revision(request, pk, revision_id):
    """What one revision changed against the one before it."""
    page = get_initiative(request, pk, VIEW_HISTORY)
    shown = _revision_of(page, revision_id)
    before, diffs = editing.revision_diff(page, shown)
    live_id, pending_id = _markers(page)
    return render(
        request,
        "initiatives/revision.html",
        {
            "initiative": page,
            "revision": shown,
            "author": editing.author_name(shown),
            "before": before,
            "before_author": editing.author_name(before) if before else "",
            "diffs": diffs,
            "changed_count": sum(1 for diff in diffs if diff.changed),
            "live": shown.pk == live_id,
            "pending": shown.pk == pending_id,
            "latest": shown.pk == page.latest_revision_id,
            "can_restore": request.user.has_perm(RESTORE, page),
        },
    )


def render_restore(request, page, shown, *, status=200, stale=None):
    """The confirmation: what restoring ``shown`` changes in the current latest version."""
    latest = page.latest_revision
    diffs = []
    if latest is not None and latest.pk != shown.pk:
        diffs = editing.compare(latest.as_object(), shown.as_object(), changed_only=True)
    context = {
        "initiative": page,
        "revision": shown,
        "author": editing.author_name(shown),
        "latest": latest,
        "latest_author": editing.author_name(latest) if latest else "",
        "diffs": diffs,
        "base_revision": editing.base_revision_value(page),
    }
    if stale is not None:
        context["stale_author"] = editing.author_name(stale.latest)
    return render(request, "initiatives/restore.html", context, status=status)


def _restore(request, pk, revision_id):
    with transaction.atomic():
        page = get_initiative(request, pk, RESTORE, for_update=True)
        shown = _revision_of(page, revision_id)
        try:
            base = editing.parse_base_revision(page, request.POST.get(editing.BASE_REVISION_FIELD))
            editing.check_not_stale(page, base)
        except editing.InvalidBaseRevision as error:
            messages.error(request, str(error))
            return render_restore(request, page, shown, status=400)
        except editing.StaleRevision as stale:
            return render_restore(request, page, shown, status=409, stale=stale)
        draft = shown.as_object()
        if not editing.draft_changes(base.content if base else page.serializable_data(), draft):
            messages.info(request, _("This version is already the current one: nothing to do."))
            return redirect("initiatives:history", pk=page.pk)
        _saved, outcome = publication.save_member_revision(
            page, draft, request.user, previous_revision=shown
        )
    return success_redirect(request, page, outcome)


@login_required
@require_http_methods(["GET", "POST"])
@transaction.non_atomic_requests
def restore(request, pk, revision_id):
    """Confirm, then save a copy of an earlier revision as the newest one."""
    if request.method == "POST":

        def when_busy():
            messages.error(
                request, _("Another save was in progress: nothing was restored. Try again.")
            )
            return _confirmation(request, pk, revision_id, status=409)

        return save_with_retries(request, lambda: _restore(request, pk, revision_id), when_busy)
    return _confirmation(request, pk, revision_id)


def _confirmation(request, pk, revision_id, status=200):
    page = get_initiative(request, pk, RESTORE)
    return render_restore(request, page, _revision_of(page, revision_id), status=status)
