"""Hand stored messages to the real mail transport."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.utils import timezone

from .models import OutgoingEmail

logger = logging.getLogger(__name__)


def build_message(email, connection):
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body,
        from_email=email.from_email,
        to=email.to,
        cc=email.cc,
        bcc=email.bcc,
        reply_to=email.reply_to,
        headers=email.headers,
        connection=connection,
    )
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    return message


def deliver(email_id):
    """Send one stored message; record the failure instead of raising it. Return the status.
    A message to forget once sent is deleted then."""
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update()
            .filter(
                pk=email_id, status__in=[OutgoingEmail.Status.PENDING, OutgoingEmail.Status.FAILED]
            )
            .first()
        )
        if email is None:
            return None
        email.attempts += 1
        try:
            connection = get_connection(
                settings.OUTBOX_DELIVERY_BACKEND, timeout=settings.EMAIL_TIMEOUT
            )
            build_message(email, connection).send()
        except Exception as error:  # any transport error: keep the message for a retry
            logger.warning("E-mail %s not delivered: %s", email.pk, error)
            email.status = OutgoingEmail.Status.FAILED
            email.last_error = f"{type(error).__name__}: {error}"[:2000]
        else:
            email.status = OutgoingEmail.Status.SENT
            email.sent_at = timezone.now()
            email.last_error = ""
        if email.status == OutgoingEmail.Status.SENT and email.forget_when_sent:
            email.delete()
            return OutgoingEmail.Status.SENT
        email.save(update_fields=["attempts", "status", "last_error", "sent_at"])
        return email.status
