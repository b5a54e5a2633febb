"""“Moi aussi”: once per citizen and published contribution, counted on the contribution."""

import pytest
from django.test import Client
from django.urls import reverse

from consultation.models import Contribution, Support
from tests.consultation.contribute_helpers import citizen_world
from tests.factories import ContributionFactory, UserFactory

pytestmark = pytest.mark.django_db


build_world = citizen_world  # once per module (tests/worlds.py)


@pytest.fixture
def home_page(world):
    return world.home


@pytest.fixture
def territory(world):
    return world.territory


@pytest.fixture
def contribution(territory):
    return ContributionFactory(territory=territory)


@pytest.fixture
def citizen(client, world):
    client.force_login(world.citizen)
    return world.citizen


def support_url(contribution):
    return reverse("consultation:support", args=[contribution.pk])


def test_moi_aussi_is_stored_and_counted(client, citizen, contribution):
    client.post(support_url(contribution))
    contribution.refresh_from_db()
    assert (Support.objects.filter(user=citizen).count(), contribution.support_count) == (1, 1)


def test_second_moi_aussi_changes_nothing(client, citizen, contribution):
    client.post(support_url(contribution))
    client.post(support_url(contribution))
    contribution.refresh_from_db()
    assert (Support.objects.count(), contribution.support_count) == (1, 1)


def test_moi_aussi_from_two_citizens_counts_two(client, contribution):
    for _ in range(2):
        client.force_login(UserFactory())
        client.post(support_url(contribution))
    contribution.refresh_from_db()
    assert contribution.support_count == 2


def test_moi_aussi_leads_back_to_the_contribution(client, citizen, contribution):
    response = client.post(support_url(contribution))
    assert response.url == contribution.get_absolute_url()
    contribution.refresh_from_db()
    assert list(Support.objects.values_list("user", "contribution")) == [
        (citizen.pk, contribution.pk)
    ]
    assert contribution.support_count == 1


def test_visitor_is_sent_to_login(client, contribution):
    response = client.post(support_url(contribution))
    assert response.url.startswith(reverse("account_login"))
    assert not Support.objects.exists()


def test_get_is_refused(client, citizen, contribution):
    assert client.get(support_url(contribution)).status_code == 405


@pytest.mark.parametrize("status", ["pending", "hidden", "rejected"])
def test_unpublished_contribution_of_someone_else_is_not_found(client, citizen, territory, status):
    contribution = ContributionFactory(territory=territory, status=status)
    assert client.post(support_url(contribution)).status_code == 404
    assert not Support.objects.exists()


def test_author_cannot_support_own_pending_contribution(client, citizen, territory):
    contribution = ContributionFactory(territory=territory, author=citizen, status="pending")
    assert client.post(support_url(contribution)).status_code == 403
    assert not Support.objects.exists()


def test_unknown_contribution_is_not_found(client, citizen):
    assert client.post(reverse("consultation:support", args=[999999])).status_code == 404


def test_page_shows_the_button_before_moi_aussi(client, citizen, contribution):
    content = client.get(contribution.get_absolute_url()).content.decode()
    assert "data-support-button" in content


def test_page_shows_the_supported_state_after_moi_aussi(client, citizen, contribution):
    client.post(support_url(contribution))
    content = client.get(contribution.get_absolute_url()).content.decode()
    assert "data-supported" in content
    assert "data-support-button" not in content


def test_page_shows_the_count(client, citizen, contribution):
    Contribution.objects.filter(pk=contribution.pk).update(support_count=7)
    content = client.get(contribution.get_absolute_url()).content.decode()
    assert 'data-support-count="7"' in content


def test_visitor_sees_a_login_link_instead_of_the_button(client, contribution):
    content = client.get(contribution.get_absolute_url()).content.decode()
    assert "data-login-to-act" in content
    assert "data-support-button" not in content


def test_author_sees_no_button_on_own_pending_contribution(client, citizen, territory):
    contribution = ContributionFactory(territory=territory, author=citizen, status="pending")
    content = client.get(contribution.get_absolute_url()).content.decode()
    assert "data-support-button" not in content


def withdraw_url(contribution):
    return reverse("consultation:withdraw-support", args=[contribution.pk])


def test_moi_aussi_can_be_withdrawn_once(client, citizen, contribution):
    other = UserFactory()
    client.force_login(other)
    client.post(support_url(contribution))
    client.force_login(citizen)
    client.post(support_url(contribution))
    response = client.post(withdraw_url(contribution))
    assert response.status_code == 302
    client.post(withdraw_url(contribution))
    contribution.refresh_from_db()
    assert contribution.support_count == 1
    assert list(Support.objects.values_list("user", flat=True)) == [other.pk]


def test_withdrawing_without_moi_aussi_changes_nothing(client, citizen, contribution):
    Contribution.objects.filter(pk=contribution.pk).update(support_count=3)
    client.post(withdraw_url(contribution))
    contribution.refresh_from_db()
    assert contribution.support_count == 3


def test_the_page_offers_to_withdraw_after_moi_aussi_and_to_say_it_again_after(
    client, citizen, contribution
):
    client.post(support_url(contribution))
    content = client.get(contribution.get_absolute_url()).content.decode()
    assert f'action="{withdraw_url(contribution)}"' in content
    assert "data-withdraw-support-button" in content
    client.post(withdraw_url(contribution))
    content = client.get(contribution.get_absolute_url()).content.decode()
    assert "data-support-button" in content


def test_withdrawing_needs_a_post_and_a_login(client, contribution):
    assert client.get(withdraw_url(contribution)).status_code in (302, 405)
    response = client.post(withdraw_url(contribution))
    assert response.status_code == 302
    assert "/comptes/" in response["Location"]


def test_withdrawing_needs_the_csrf_token(citizen, contribution):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(citizen)
    assert csrf_client.post(withdraw_url(contribution)).status_code == 403
