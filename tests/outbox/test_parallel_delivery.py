"""A retry running beside the worker never sends a message twice (row lock, PostgreSQL)."""

import threading

import pytest
from django.db import connection

from outbox.delivery import deliver
from outbox.models import OutgoingEmail
from tests.outbox import slow_backend


@pytest.mark.postgres
# Serialized like the other transactional tests (see tests/browser/conftest.py).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_parallel_deliveries_send_once(settings):
    settings.OUTBOX_DELIVERY_BACKEND = "tests.outbox.slow_backend.SlowBackend"
    slow_backend.delivered.clear()
    email = OutgoingEmail.objects.create(
        subject="Une seule fois", body="…", from_email="n@example.org", to=["a@example.org"]
    )

    def run():
        try:
            deliver(email.pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert slow_backend.delivered == ["Une seule fois"]
    assert OutgoingEmail.objects.get().attempts == 1
