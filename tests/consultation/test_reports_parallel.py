"""Parallel reports from one citizen store one row and never fail (PostgreSQL)."""

from functools import partial

import pytest
from django.test import Client
from django.urls import reverse

from moderation.models import Report
from tests.consultation.contribute_helpers import make_territories
from tests.factories import ContributionFactory, UserFactory, site_with_home_page
from tests.parallel import run_together

REQUESTS = 6


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_reports_store_one_row():
    territory = make_territories(site_with_home_page()).square
    contribution = ContributionFactory(territory=territory)
    user = UserFactory()
    url = reverse("consultation:report", args=[contribution.pk])
    clients = []
    for _ in range(REQUESTS):
        client = Client()
        client.force_login(user)
        clients.append(client)
    statuses = []

    def send(client):
        statuses.append(client.post(url, {"reason": "spam"}).status_code)

    outcomes = run_together(*[partial(send, client) for client in clients])
    assert outcomes == [None] * REQUESTS
    assert statuses == [302] * REQUESTS
    assert Report.objects.count() == 1
