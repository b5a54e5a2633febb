"""Signal receivers of the initiatives app: the porteurs hear about the moderators' decisions
through our own e-mails (public links), never through Wagtail's admin e-mails."""

from django.contrib.contenttypes.models import ContentType
from django.dispatch import receiver
from wagtail.signals import workflow_approved, workflow_rejected, workflow_submitted

from accounts import admin_emails

from . import notifications
from .models import InitiativePage


def _initiative_of(workflow_state):
    """The initiative a workflow state is about, fresh from the database, or None."""
    if workflow_state.content_type_id != ContentType.objects.get_for_model(InitiativePage).pk:
        return None
    return InitiativePage.objects.filter(pk=workflow_state.object_id).first()


@receiver(workflow_submitted, dispatch_uid="initiatives_mute_admin_emails")
def mute_admin_emails_of_submitter(sender, instance, user=None, **kwargs):
    """Whoever submits an initiative without admin access gets no Wagtail e-mail about it
    (they would link to admin pages they cannot open): a member saving a re-check field
    submits too, not only the creator."""
    if _initiative_of(instance) is not None:
        admin_emails.mute_admin_emails(instance.requested_by)


@receiver(workflow_approved, dispatch_uid="initiatives_notify_approved")
def notify_approved(sender, instance, user=None, **kwargs):
    page = _initiative_of(instance)
    if page is None:
        return
    first_publication = page.first_published_at == page.last_published_at
    notifications.notify_porteurs(
        page,
        notifications.APPROVED if first_publication else notifications.CHANGES_APPROVED,
        comment=_last_comment(instance),
        requested_by=instance.requested_by,
        exclude=user,
    )


@receiver(workflow_rejected, dispatch_uid="initiatives_notify_rejected")
def notify_rejected(sender, instance, user=None, **kwargs):
    page = _initiative_of(instance)
    if page is None:
        return
    notifications.notify_porteurs(
        page,
        notifications.REJECTED,
        comment=_last_comment(instance),
        requested_by=instance.requested_by,
        exclude=user,
    )


def _last_comment(workflow_state):
    """The comment of the task the moderator just decided (stored before the signal)."""
    task_state = workflow_state.current_task_state
    return task_state.comment if task_state is not None else ""
