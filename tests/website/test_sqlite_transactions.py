"""SQLite transactions start IMMEDIATE: two requests that read, then write, at the same moment
both succeed (the second waits for the first) instead of the second failing at once with
« database is locked » — what a double submit of the admin's publish did."""

import contextlib
import threading

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection, transaction

from tests.parallel import run_together

# SQLite's locking only: deselected on other databases (tests/conftest.py).
pytestmark = pytest.mark.sqlite


def test_sqlite_transactions_take_the_write_lock_first():
    assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_requests_that_read_then_write_at_once_both_succeed():
    # Both read before either writes, as two requests of ATOMIC_REQUESTS do; with deferred
    # transactions the second write cannot upgrade its read lock and fails at once. With
    # immediate ones the second transaction only starts once the first commits, so it never
    # reaches the meeting point: each waits there a moment, then goes on.
    both_read = threading.Barrier(2)

    def request(name):
        def run():
            with transaction.atomic():
                Group.objects.count()
                with contextlib.suppress(threading.BrokenBarrierError):
                    both_read.wait(timeout=1)
                Group.objects.create(name=name)

        return run

    assert connection.vendor == "sqlite"
    assert run_together(request("premier"), request("second")) == [None, None]
    assert set(Group.objects.values_list("name", flat=True)) >= {"premier", "second"}
