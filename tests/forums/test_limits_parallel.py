"""Thirty comments posted at the same moment by one account, the limit being 10: exactly 10
are stored, whatever the cache (here none: the limit counts the account's rows in the
database, under a lock on the account's row). On PostgreSQL, where requests really run
together; the contributions' burst also runs on SQLite. The same burst stored 30 comments when
the count was kept in the database cache."""

from functools import partial

import pytest
from django.test import Client

from forums.models import Comment
from tests.parallel import run_together

from . import threads_helpers as h
from .core_helpers import enjeu_thread, old_account, world

BURST = 30
LIMIT = 10
DUMMY = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
NO_CACHE = {"default": DUMMY, "pages": DUMMY}


def burst(settings):
    settings.CACHES = NO_CACHE
    settings.COMMENTS_RATE_LIMIT = (LIMIT, 300)
    thread = enjeu_thread(world().enjeu, old_account())
    author = old_account()
    clients = [Client() for _ in range(BURST)]
    for client in clients:
        client.force_login(author)
    statuses = [None] * BURST

    def post(n):
        statuses[n] = h.post(clients[n], thread, f"Message en rafale numéro {n}.").status_code

    outcomes = run_together(*[partial(post, n) for n in range(BURST)])
    assert outcomes == [None] * BURST
    return author, statuses


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_thirty_parallel_comments_store_exactly_the_limit(settings):
    author, statuses = burst(settings)

    assert Comment.objects.filter(user=author).count() == LIMIT
    assert sorted(statuses) == [302] * LIMIT + [429] * (BURST - LIMIT)
