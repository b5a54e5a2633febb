"""Leaving an initiative, or cancelling a request; the last porteur cannot leave."""

import pytest
from django.urls import reverse

from initiatives.models import Membership
from tests.factories import UserFactory
from tests.initiatives import membership_helpers as helpers

pytestmark = pytest.mark.django_db


def build_world():
    """A site with the initiative index and a published initiative with its porteur, built
    once for the module."""
    index = helpers.index_page()
    return {"index": index, "page": helpers.initiative(index)}


@pytest.fixture
def page(world):
    return world["page"]


def leave(client, page):
    return client.post(reverse("initiatives:leave", args=[page.pk]))


def test_member_leaves(client, page):
    membership = helpers.add(page)
    client.force_login(membership.user)
    leave(client, page)
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_leaving_leads_back_to_the_initiative_page(client, page):
    membership = helpers.add(page)
    client.force_login(membership.user)
    assert leave(client, page).url == page.url
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_requester_cancels_their_request(client, page):
    membership = helpers.add(page, status="pending")
    client.force_login(membership.user)
    leave(client, page)
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_last_porteur_cannot_leave(client, page):
    porteur = helpers.porteur_of(page)
    helpers.add(page)
    client.force_login(porteur)
    response = leave(client, page)
    assert response.status_code == 302
    assert helpers.message_codes(response) == ["last_porteur"]
    assert Membership.objects.porteurs().get(initiative=page).user == porteur


def test_porteur_leaves_when_another_porteur_remains(client, page):
    porteur = helpers.porteur_of(page)
    other = helpers.add(page, role="porteur")
    client.force_login(porteur)
    leave(client, page)
    assert list(Membership.objects.porteurs().filter(initiative=page)) == [other]


def test_citizen_who_is_not_a_member_cannot_leave(client, page):
    client.force_login(UserFactory())
    assert leave(client, page).status_code == 403
    assert Membership.objects.count() == 1


def test_member_leaves_a_draft_and_lands_on_their_initiatives(client, world):
    draft = helpers.initiative(world["index"], live=False)
    membership = helpers.add(draft)
    client.force_login(membership.user)
    assert leave(client, draft).url == reverse("initiatives:mine")
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_leave_answers_only_post(client, page):
    membership = helpers.add(page)
    client.force_login(membership.user)
    assert client.get(reverse("initiatives:leave", args=[page.pk])).status_code == 405
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_visitor_is_sent_to_log_in(client, page):
    assert leave(client, page).url.startswith(reverse("account_login"))


def test_superuser_who_is_not_a_member_is_told_so(client, page):
    client.force_login(helpers.superuser())
    response = leave(client, page)
    assert helpers.message_codes(response) == ["not_member"]
    assert Membership.objects.count() == 1
