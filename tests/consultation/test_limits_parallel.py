"""Thirty contributions posted at the same moment by one account, the limit being 10: exactly
10 are stored, whatever the cache (here none at all: the limit counts the account's rows in the
database, under a lock on the account's row).

The same burst stored 30 contributions when the count was kept in the database cache."""

from functools import partial

import pytest
from django.test import Client
from django.urls import reverse

from consultation.models import Contribution
from tests import factories
from tests.consultation.contribute_helpers import form_data, make_territories
from tests.parallel import run_together

BURST = 30
LIMIT = 10
DUMMY = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
NO_CACHE = {"default": DUMMY, "pages": DUMMY}


def burst(settings):
    settings.CACHES = NO_CACHE
    settings.CONTRIBUTIONS_RATE_LIMIT = (LIMIT, 3600)
    territory = make_territories(factories.site_with_home_page()).square
    author = factories.UserFactory()
    clients = [Client() for _ in range(BURST)]
    for client in clients:
        client.force_login(author)
    statuses = [None] * BURST

    def post(n):
        response = clients[n].post(
            reverse("consultation:new"),
            form_data(territory, text=f"Contribution envoyée en rafale, numéro {n}."),
        )
        statuses[n] = response.status_code

    outcomes = run_together(*[partial(post, n) for n in range(BURST)])
    assert outcomes == [None] * BURST
    return author, statuses


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_thirty_parallel_contributions_store_exactly_the_limit(settings):
    author, statuses = burst(settings)

    assert Contribution.objects.filter(author=author).count() == LIMIT
    assert sorted(statuses) == [302] * LIMIT + [429] * (BURST - LIMIT)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_thirty_parallel_contributions_never_go_over_the_limit(settings):
    """On every database (SQLite runs one writer at a time): never more than the limit, and
    every request answered."""
    author, statuses = burst(settings)

    stored = Contribution.objects.filter(author=author).count()
    assert stored == LIMIT
    assert set(statuses) <= {302, 429}
    assert statuses.count(302) == stored
