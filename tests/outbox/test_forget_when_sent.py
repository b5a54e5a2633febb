"""A message marked ``forget_when_sent`` (the last mail to a deleted account) is kept while
it has not left — for the retries — and deleted from the outbox once it has."""

import pytest
from django.core import mail
from django.core.management import call_command

from outbox.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def send_forgettable():
    message = mail.EmailMessage("Au revoir", "Corps", "n@example.org", ["parti@example.org"])
    message.forget_when_sent = True
    message.send()


def test_it_leaves_then_is_deleted(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_forgettable()
    assert OutgoingEmail.objects.get().forget_when_sent

    callbacks[0]()

    assert [m.to for m in mail.outbox] == [["parti@example.org"]]
    assert not OutgoingEmail.objects.exists()


def test_it_is_kept_until_a_retry_sends_it(dead_smtp, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_forgettable()
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.FAILED

    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("retry_emails")

    assert len(mail.outbox) == 1
    assert not OutgoingEmail.objects.exists()


def test_other_messages_are_kept_once_sent(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail.send_mail("Bonjour", "Corps", "n@example.org", ["a@example.org"])
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT
