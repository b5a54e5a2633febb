"""Background tasks of the outbox."""

from django_tasks import task

from .delivery import deliver


@task()
def deliver_email(email_id):
    """Deliver one stored e-mail (a failure is recorded, never raised)."""
    return deliver(email_id)
