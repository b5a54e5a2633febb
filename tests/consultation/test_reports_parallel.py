"""Parallel reports from one citizen store one row and never fail (PostgreSQL)."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from moderation.models import Report
from tests.consultation.contribute_helpers import make_territories
from tests.factories import ContributionFactory, UserFactory, site_with_home_page

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
    barrier = threading.Barrier(REQUESTS)
    statuses = []

    def send(client):
        try:
            barrier.wait()
            statuses.append(client.post(url, {"reason": "spam"}).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=[c]) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302] * REQUESTS
    assert Report.objects.count() == 1
