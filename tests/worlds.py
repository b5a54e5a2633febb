"""Test data built once per module, the pytest form of Django's ``setUpTestData``.

A module's world (pages, people, threads…) takes from a tenth of a second to seconds to build;
building it again for each test was most of the suite's time. A module that defines
``build_world()`` gets it built once, inside a transaction rolled back when the module ends
(the ``world`` fixture, tests/conftest.py). Each test runs in a savepoint of that transaction
(pytest-django's ``db``), so what a test writes is gone for the next, and gets its own deep copy
of the built objects, so what a test changes in memory is gone too.

The module's data stays in the database until the module ends, also for its tests that do not
ask for ``world``: a test needing an empty database (or a second home page) belongs in a module
of its own, and so do transactional tests, which cannot run inside the module's transaction.
"""

import contextlib

from django.db import transaction


@contextlib.contextmanager
def rolled_back(django_db_blocker):
    """A transaction for a module's data, rolled back when the block ends."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
