"""An e-mail backend that stores messages and hands them to a task after commit."""

from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction

from .layout import html_from_text
from .models import OutgoingEmail
from .tasks import deliver_email


class OutboxBackend(BaseEmailBackend):
    """Write each message to the outbox; a task delivers it once the transaction commits,
    so a slow or dead mail server never holds up nor breaks the request that sent it. A
    message with ``forget_when_sent = True`` is deleted once delivered."""

    def send_messages(self, email_messages):
        stored = []
        for message in email_messages:
            html = next(
                (
                    content
                    for content, mimetype in getattr(message, "alternatives", [])
                    if mimetype == "text/html"
                ),
                "",
            )
            if not html and getattr(message, "content_subtype", "plain") == "plain":
                # Every mail in the platform's layout, even those written as text only.
                html = html_from_text(message.subject, message.body)
            stored.append(
                OutgoingEmail.objects.create(
                    subject=str(message.subject),
                    body=str(message.body),
                    html_body=html,
                    from_email=message.from_email,
                    to=list(message.to),
                    cc=list(message.cc),
                    bcc=list(message.bcc),
                    reply_to=list(message.reply_to),
                    headers=dict(message.extra_headers),
                    forget_when_sent=getattr(message, "forget_when_sent", False),
                )
            )
        for email in stored:
            transaction.on_commit(lambda pk=email.pk: deliver_email.enqueue(pk))
        return len(stored)
