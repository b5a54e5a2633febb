"""Two digest runs at the same moment (cron started twice, PostgreSQL where
``select_for_update`` really locks): each citizen still gets one digest."""

import time

import pytest

from forums import notifications
from forums.models import DigestEntry
from tests.parallel import run_together

from .core_helpers import comment, enjeu_thread, old_account, world
from .notifications_helpers import emails_to, follower

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_digest_runs_at_once_send_one_digest_per_citizen(monkeypatch):
    w = world()
    thread = enjeu_thread(w.enjeu, old_account())
    readers = [follower(thread, "daily") for _ in range(3)]
    comment(thread, old_account())
    real = notifications.send_digest_email

    def slow(user, comments):
        time.sleep(0.3)  # hold the lock while the other run arrives
        real(user, comments)

    monkeypatch.setattr(notifications, "send_digest_email", slow)

    outcomes = run_together(notifications.send_digests, notifications.send_digests)

    assert outcomes == [None, None]
    assert [len(emails_to(reader)) for reader in readers] == [1, 1, 1]
    assert not DigestEntry.objects.filter(sent_at__isnull=True).exists()
