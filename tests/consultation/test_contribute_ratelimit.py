"""The per-account rate limit: a flood from one account stops, a shared network does not."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from consultation.models import Contribution
from consultation.ratelimit import contributions as ratelimit
from tests import factories
from tests.consultation.contribute_helpers import error_codes, form_data, make_territories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("consultation:new")
TOWN_HALL = "192.0.2.10"


def build_world():
    home = factories.site_with_home_page()
    return SimpleNamespace(home=home, territory=make_territories(home).square)


@pytest.fixture
def home_page(world):
    return world.home


@pytest.fixture
def territory(world, settings):
    settings.CONTRIBUTIONS_RATE_LIMIT = (10, 3600)
    return world.territory


def post(client, territory, n=0):
    return client.post(
        URL, form_data(territory, text=f"Contribution numéro {n} du jour."), REMOTE_ADDR=TOWN_HALL
    )


def test_ten_contributions_within_the_hour_are_accepted(client, territory):
    author = UserFactory()
    client.force_login(author)
    statuses = [post(client, territory, n).status_code for n in range(10)]
    assert statuses == [302] * 10
    texts = Contribution.objects.filter(author=author, territory=territory).values_list(
        "text", flat=True
    )
    assert sorted(texts) == sorted(f"Contribution numéro {n} du jour." for n in range(10))
    assert Contribution.objects.count() == 10


def test_eleventh_contribution_within_the_hour_is_refused(client, territory):
    client.force_login(UserFactory())
    for n in range(10):
        post(client, territory, n)
    response = post(client, territory, 11)
    assert response.status_code == 429
    assert error_codes(response, None) == ["rate_limited"]
    assert Contribution.objects.count() == 10


def test_another_account_on_the_same_network_is_still_allowed(client, territory):
    client.force_login(UserFactory())
    for n in range(11):
        post(client, territory, n)
    neighbour = UserFactory()
    client.force_login(neighbour)
    assert post(client, territory, 12).status_code == 302
    assert list(Contribution.objects.filter(author=neighbour).values_list("text", flat=True)) == [
        "Contribution numéro 12 du jour."
    ]


def test_a_form_sent_back_with_errors_does_not_use_the_allowance(client, territory, settings):
    settings.CONTRIBUTIONS_RATE_LIMIT = (1, 3600)
    client.force_login(UserFactory())
    client.post(URL, form_data(territory, text=""))
    assert post(client, territory).status_code == 302
    assert list(Contribution.objects.values_list("text", flat=True)) == [
        "Contribution numéro 0 du jour."
    ]


def posted_at(territory, author, moment):
    """A contribution of ``author`` stored at ``moment`` (``created_at`` is set on insert)."""
    contribution = Contribution.objects.create(
        kind="revolte", text="Une contribution déjà envoyée.", territory=territory, author=author
    )
    Contribution.objects.filter(pk=contribution.pk).update(created_at=moment)


def test_allowance_comes_back_once_the_window_has_passed(user, territory, settings):
    settings.CONTRIBUTIONS_RATE_LIMIT = (1, 3600)
    posted_at(territory, user, timezone.now() - timedelta(seconds=3601))
    assert ratelimit.take(user)


def test_allowance_is_spent_within_the_window(user, territory, settings):
    settings.CONTRIBUTIONS_RATE_LIMIT = (1, 3600)
    posted_at(territory, user, timezone.now() - timedelta(seconds=3599))
    assert not ratelimit.take(user)
    assert ratelimit.exhausted(user)
