"""Parallel “moi aussi” clicks from one citizen store one row and count one (PostgreSQL)."""

import pytest
from django.test import Client
from django.urls import reverse

from consultation.models import Support
from tests.consultation.contribute_helpers import make_territories
from tests.factories import ContributionFactory, UserFactory, site_with_home_page
from tests.parallel import run_together

CLICKS = 6


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_moi_aussi_store_one_row_and_count_one():
    territory = make_territories(site_with_home_page()).square
    contribution = ContributionFactory(territory=territory)
    user = UserFactory()
    url = reverse("consultation:support", args=[contribution.pk])
    clients = []
    for _ in range(CLICKS):
        client = Client()
        client.force_login(user)
        clients.append(client)
    statuses = []

    def click(client):
        return lambda: statuses.append(client.post(url).status_code)

    assert run_together(*(click(client) for client in clients)) == [None] * CLICKS
    contribution.refresh_from_db()
    assert statuses == [302] * CLICKS
    assert (Support.objects.count(), contribution.support_count) == (1, 1)
