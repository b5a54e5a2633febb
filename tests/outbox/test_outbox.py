"""E-mails are stored with the transaction and leave after it commits."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from outbox.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def send_one(subject="Bonjour"):
    mail.send_mail(subject, "Corps du message", "ne-pas-repondre@example.org", ["a@example.org"])


def test_message_leaves_only_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_one()
        assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert [m.subject for m in mail.outbox] == ["Bonjour"]
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT


def test_rolled_back_transaction_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                send_one()
                raise RuntimeError("abandon")
        except RuntimeError:
            pass
    assert callbacks == []
    assert mail.outbox == []
    assert not OutgoingEmail.objects.exists()


def test_html_alternative_is_kept(django_capture_on_commit_callbacks):
    message = mail.EmailMultiAlternatives("Sujet", "texte", "n@example.org", ["a@example.org"])
    message.attach_alternative("<p>texte</p>", "text/html")
    with django_capture_on_commit_callbacks(execute=True):
        message.send()
    assert mail.outbox[0].alternatives[0][0] == "<p>texte</p>"


def test_dead_mail_server_records_failure_without_raising(
    dead_smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_one()
    email = OutgoingEmail.objects.get()
    assert email.status == OutgoingEmail.Status.FAILED
    assert email.attempts == 1
    assert "ConnectionRefused" in email.last_error


def test_retry_command_sends_failed_messages(
    dead_smtp, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_one()
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("retry_emails")
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT
    assert len(mail.outbox) == 1


def test_retry_command_fails_while_the_server_stays_down(
    dead_smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_one()
    with pytest.raises(SystemExit):
        call_command("retry_emails")
    assert OutgoingEmail.objects.get().attempts == 2


def test_retry_stops_after_the_attempt_limit(
    dead_smtp, settings, django_capture_on_commit_callbacks
):
    settings.OUTBOX_MAX_ATTEMPTS = 1
    with django_capture_on_commit_callbacks(execute=True):
        send_one()
    call_command("retry_emails")
    assert OutgoingEmail.objects.get().attempts == 1


def test_sent_message_is_not_sent_twice(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_one()
    call_command("retry_emails", "--all")
    assert len(mail.outbox) == 1
