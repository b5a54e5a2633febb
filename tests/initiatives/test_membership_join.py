"""Joining an initiative: at once when it is open, by a request the porteurs answer otherwise."""

import pytest
from django.test import Client
from django.urls import reverse

from initiatives.models import Membership
from tests.factories import UserFactory
from tests.initiatives import membership_helpers as helpers

pytestmark = pytest.mark.django_db


def build_world():
    """A site with the initiative index, built once for the module."""
    return helpers.index_page()


@pytest.fixture
def index(world):
    return world


@pytest.fixture
def citizen(client):
    user = UserFactory(display_name="Camille", email="camille@example.org")
    client.force_login(user)
    return user


def join(client, page, **data):
    return client.post(reverse("initiatives:join", args=[page.pk]), data)


def test_citizen_joins_an_open_initiative_at_once_as_member(client, index, citizen):
    page = helpers.initiative(index, policy="open")
    join(client, page)
    membership = Membership.objects.get(initiative=page, user=citizen)
    assert (membership.role, membership.status) == ("membre", "active")
    assert membership.joined_at is not None


def test_joining_leads_back_to_the_initiative_page(client, index, citizen):
    page = helpers.initiative(index)
    assert join(client, page).url == page.url
    assert Membership.objects.filter(initiative=page, user=citizen).exists()


def test_joining_an_open_initiative_sends_no_email(client, index, citizen):
    join(client, helpers.initiative(index, policy="open"))
    assert helpers.mails() == []


def test_on_request_policy_stores_a_pending_request_with_its_message(client, index, citizen):
    page = helpers.initiative(index, policy="on_request")
    join(client, page, message="Je répare des vélos depuis dix ans.")
    membership = Membership.objects.get(initiative=page, user=citizen)
    assert (membership.role, membership.status, membership.message) == (
        "membre",
        "pending",
        "Je répare des vélos depuis dix ans.",
    )
    assert membership.joined_at is None


def test_open_policy_drops_the_message(client, index, citizen):
    page = helpers.initiative(index, policy="open")
    join(client, page, message="Bonjour")
    assert Membership.objects.get(user=citizen).message == ""


def test_request_emails_each_porteur_with_the_members_page(client, index, citizen):
    page = helpers.initiative(index, policy="on_request", porteur=False)
    for address in ("a@example.org", "b@example.org"):
        helpers.add(page, UserFactory(email=address), role="porteur")
    helpers.add(page, UserFactory(email="membre@example.org"))
    join(client, page, message="Je voudrais aider.")

    sent = helpers.mails()
    assert sorted(mail.to[0] for mail in sent) == ["a@example.org", "b@example.org"]
    members_url = "http://testserver" + reverse("initiatives:members", args=[page.pk])
    for mail in sent:
        assert len(mail.to) == 1 and mail.cc == [] and mail.bcc == []
        assert members_url in mail.body
        assert "Camille" in mail.body and "Je voudrais aider." in mail.body
        assert "camille@example.org" not in mail.body
        assert "/admin/" not in mail.body
        assert "/admin/" not in mail.html_body


def test_request_message_longer_than_1000_characters_is_refused(client, index, citizen):
    page = helpers.initiative(index, policy="on_request")
    response = join(client, page, message="x" * 1001)
    assert response.status_code == 400
    assert response.context["form"].errors.as_data()["message"][0].code == "max_length"
    assert not Membership.objects.filter(user=citizen).exists()


def test_request_message_of_1000_characters_is_accepted(client, index, citizen):
    page = helpers.initiative(index, policy="on_request")
    join(client, page, message="x" * 1000)
    assert len(Membership.objects.get(user=citizen).message) == 1000


def test_joining_a_draft_is_not_found(client, index, citizen):
    page = helpers.initiative(index, live=False)
    assert join(client, page).status_code == 404
    assert not Membership.objects.filter(user=citizen).exists()


def test_superuser_cannot_join_a_draft_either(client, index):
    page = helpers.initiative(index, live=False)
    admin = helpers.superuser()
    client.force_login(admin)
    assert join(client, page).status_code == 404
    assert not Membership.objects.filter(user=admin).exists()


def test_visitor_is_sent_to_log_in(client, index):
    page = helpers.initiative(index)
    response = join(client, page)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert Membership.objects.count() == 1


def test_join_answers_only_post(client, index, citizen):
    page = helpers.initiative(index)
    assert client.get(reverse("initiatives:join", args=[page.pk])).status_code == 405


def test_join_requires_the_csrf_token(index):
    page = helpers.initiative(index)
    client = Client(enforce_csrf_checks=True)
    user = UserFactory()
    client.force_login(user)
    assert join(client, page).status_code == 403
    assert not Membership.objects.filter(user=user).exists()


def test_joining_twice_keeps_one_membership(client, index, citizen):
    page = helpers.initiative(index, policy="on_request")
    join(client, page)
    join(client, page)
    assert Membership.objects.filter(user=citizen).count() == 1
    assert len(helpers.mails()) == 1


def test_member_joining_again_keeps_their_role(client, index, citizen):
    page = helpers.initiative(index)
    helpers.add(page, citizen, role="porteur")
    join(client, page)
    assert Membership.objects.get(user=citizen).role == "porteur"
