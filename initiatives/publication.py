"""How a member's change reaches the public.

The first publication goes through the Modérateurs' workflow. On a published initiative a
member's save goes live at once, unless it touches one of ``INITIATIVE_RECHECK_FIELDS``: then it
goes back to the Modérateurs, and while that check is pending every later save stays a draft,
so nothing unchecked goes live (approving publishes the latest revision)."""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

from accounts.rules import MODERATORS

WORKFLOW_NAME = "Validation des initiatives"


class Outcome:
    PUBLISHED = "published"
    PENDING = "pending"


def initiative_workflow():
    """The Modérateurs' approval workflow, created on first use if a database lacks it."""
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()
    if workflow:
        return workflow
    task = GroupApprovalTask.objects.create(name=f"{WORKFLOW_NAME} — {MODERATORS}")
    task.groups.set(Group.objects.filter(name=MODERATORS))
    workflow = Workflow.objects.create(name=WORKFLOW_NAME)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def attach_workflow(index_page):
    """Make the Modérateurs' workflow govern every initiative under ``index_page``, and let
    them publish there: approving the workflow's last task publishes as the moderator."""
    WorkflowPage.objects.update_or_create(
        page=index_page, defaults={"workflow": initiative_workflow()}
    )
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    for group in Group.objects.filter(name=MODERATORS):
        GroupPagePermission.objects.get_or_create(group=group, page=index_page, permission=publish)


def open_workflow_state(page):
    """The workflow state in progress or sent back for changes, if any."""
    return (
        WorkflowState.objects.for_instance(page)
        .filter(status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES])
        .order_by("-created_at")
        .first()
    )


def submit_for_moderation(page, user):
    """Start (or resume, after "changes requested") the Modérateurs' review of the latest
    revision."""
    state = open_workflow_state(page)
    if state is not None:
        if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            state.resume(user=user)
        return state
    index_page = page.get_parent()
    workflow = page.get_workflow()
    if workflow is None or workflow.name != WORKFLOW_NAME:
        attach_workflow(index_page)
        workflow = initiative_workflow()
    return workflow.start(page, user)


def _comparable(obj, name):
    field = obj._meta.get_field(name)
    if field.many_to_many or name == "tags":
        return sorted(str(item.pk) for item in getattr(obj, name).all())
    return field.value_from_object(obj)


def recheck_fields_changed(live, draft):
    """Names of the re-check fields whose value differs between the live page and ``draft``."""
    return [
        name
        for name in settings.INITIATIVE_RECHECK_FIELDS
        if _comparable(live, name) != _comparable(draft, name)
    ]


@transaction.atomic
def save_member_revision(page, draft, user, previous_revision=None):
    """Save ``draft`` (an edited copy of ``page``) as a revision authored by ``user``, then
    publish it or send it to the Modérateurs. Returns ``(revision, outcome)``.

    ``page`` is the database row (the live content when published); ``previous_revision`` is
    set when a member restores an earlier version."""
    revision = draft.save_revision(user=user, log_action=True, previous_revision=previous_revision)
    if not page.live or open_workflow_state(page) is not None:
        submit_for_moderation(page, user)
        return revision, Outcome.PENDING
    # Compared with a fresh copy of the row: ``draft`` may be ``page`` itself, edited in memory
    # (Wagtail's get_latest_revision_as_object() returns the page when nothing is unpublished).
    if recheck_fields_changed(type(page).objects.get(pk=page.pk), draft):
        submit_for_moderation(page, user)
        return revision, Outcome.PENDING
    revision.publish(user=user, previous_revision=previous_revision, skip_permission_checks=True)
    return revision, Outcome.PUBLISHED
