"""Porteurs answer requests and manage members from the members page; a membership of
another initiative is never touched; an initiative always keeps one porteur."""

import pytest
from django.urls import reverse

from initiatives.models import Membership
from tests.factories import UserFactory
from tests.initiatives import membership_helpers as helpers

pytestmark = pytest.mark.django_db

ACTIONS = ["accepter", "refuser", "promouvoir", "retrograder", "retirer"]


def build_world():
    """A site with the initiative index and the initiative ``page`` (see ``make_page``),
    built once for the module."""
    index = helpers.index_page()
    return {"index": index, "page": make_page(index)}


@pytest.fixture
def index(world):
    return world["index"]


@pytest.fixture
def page(world):
    return world["page"]


def make_page(index):
    return helpers.initiative(index, policy="on_request")


@pytest.fixture
def porteur(client, page):
    user = helpers.porteur_of(page)
    client.force_login(user)
    return user


def act(client, page, membership, action):
    return client.post(helpers.action_url(page, membership, action))


def state(membership):
    """(role, status) of the membership, or None once deleted."""
    row = Membership.objects.filter(pk=membership.pk).values_list("role", "status").first()
    return row


# Answering requests.


def test_porteur_accepts_a_request(client, page, porteur):
    request_ = helpers.add(page, status="pending")
    act(client, page, request_, "accepter")
    assert state(request_) == ("membre", "active")
    request_.refresh_from_db()
    assert request_.joined_at is not None


def test_accepting_emails_the_requester_with_public_links(client, page, porteur):
    request_ = helpers.add(page, UserFactory(email="demandeur@example.org"), status="pending")
    act(client, page, request_, "accepter")
    [mail] = helpers.mails("demandeur@example.org")
    assert "http://testserver" + page.url in mail.body
    assert "/admin/" not in mail.body


def test_porteur_refuses_a_request(client, page, porteur):
    request_ = helpers.add(page, status="pending")
    act(client, page, request_, "refuser")
    assert state(request_) is None


def test_refusing_emails_the_requester(client, page, porteur):
    request_ = helpers.add(page, UserFactory(email="demandeur@example.org"), status="pending")
    act(client, page, request_, "refuser")
    [mail] = helpers.mails("demandeur@example.org")
    assert page.title in mail.subject


def test_accepting_an_answered_request_changes_nothing(client, page, porteur):
    member = helpers.add(page)
    response = act(client, page, member, "accepter")
    assert helpers.message_codes(response) == ["not_pending"]
    assert helpers.mails() == []


def test_actions_lead_back_to_the_members_page(client, page, porteur):
    request_ = helpers.add(page, status="pending")
    assert act(client, page, request_, "accepter").url == reverse(
        "initiatives:members", args=[page.pk]
    )
    assert state(request_) == ("membre", "active")


# Promoting, stepping down, removing.


def test_porteur_promotes_a_member(client, page, porteur):
    member = helpers.add(page)
    act(client, page, member, "promouvoir")
    assert state(member) == ("porteur", "active")


def test_pending_request_cannot_be_promoted(client, page, porteur):
    request_ = helpers.add(page, status="pending")
    response = act(client, page, request_, "promouvoir")
    assert helpers.message_codes(response) == ["not_active"]
    assert state(request_) == ("membre", "pending")


def test_porteur_removes_a_member(client, page, porteur):
    member = helpers.add(page)
    act(client, page, member, "retirer")
    assert state(member) is None


def test_last_porteur_cannot_remove_themself(client, page, porteur):
    own = Membership.objects.get(user=porteur)
    response = act(client, page, own, "retirer")
    assert helpers.message_codes(response) == ["last_porteur"]
    assert state(own) == ("porteur", "active")


def test_last_porteur_cannot_step_down(client, page, porteur):
    own = Membership.objects.get(user=porteur)
    response = act(client, page, own, "retrograder")
    assert helpers.message_codes(response) == ["last_porteur"]
    assert state(own) == ("porteur", "active")


def test_porteur_steps_down_when_another_porteur_remains(client, page, porteur):
    helpers.add(page, role="porteur")
    own = Membership.objects.get(user=porteur)
    act(client, page, own, "retrograder")
    assert state(own) == ("membre", "active")


def test_porteur_leaves_by_removing_themself_when_another_porteur_remains(client, page, porteur):
    helpers.add(page, role="porteur")
    own = Membership.objects.get(user=porteur)
    response = act(client, page, own, "retirer")
    assert state(own) is None
    assert response.url == page.url


def test_superuser_cannot_remove_the_last_porteur(client, page):
    client.force_login(helpers.superuser())
    last = Membership.objects.porteurs().get(initiative=page)
    response = act(client, page, last, "retirer")
    assert helpers.message_codes(response) == ["remove_last_porteur"]
    assert state(last) == ("porteur", "active")


def test_superuser_manages_any_initiative(client, page):
    client.force_login(helpers.superuser())
    member = helpers.add(page)
    act(client, page, member, "promouvoir")
    assert state(member) == ("porteur", "active")


# Who may act, and on what.


@pytest.mark.parametrize("action", ACTIONS)
def test_membership_of_another_initiative_is_not_found_and_untouched(
    client, index, page, porteur, action
):
    other = helpers.initiative(index, policy="on_request")
    targets = {
        "accepter": helpers.add(other, status="pending"),
        "refuser": helpers.add(other, status="pending"),
        "promouvoir": helpers.add(other),
        "retrograder": helpers.add(other, role="porteur"),
        "retirer": helpers.add(other),
    }
    before = sorted(Membership.objects.values_list("pk", "role", "status"))

    response = act(client, page, targets[action], action)

    assert response.status_code == 404
    assert sorted(Membership.objects.values_list("pk", "role", "status")) == before
    assert helpers.mails() == []


@pytest.mark.parametrize("action", ACTIONS)
def test_porteur_of_another_initiative_is_forbidden(client, index, page, action):
    elsewhere = helpers.initiative(index)
    client.force_login(helpers.porteur_of(elsewhere))
    target = helpers.add(page, status="pending" if action in {"accepter", "refuser"} else "active")
    before = state(target)
    assert act(client, page, target, action).status_code == 403
    assert state(target) == before


def test_member_cannot_promote_themself(client, page):
    member = helpers.add(page)
    client.force_login(member.user)
    assert act(client, page, member, "promouvoir").status_code == 403
    assert state(member) == ("membre", "active")


def test_unknown_action_is_not_found(client, page, porteur):
    member = helpers.add(page)
    assert act(client, page, member, "supprimer").status_code == 404
    assert state(member) == ("membre", "active")


def test_actions_answer_only_post(client, page, porteur):
    member = helpers.add(page)
    assert client.get(helpers.action_url(page, member, "retirer")).status_code == 405
    assert state(member) == ("membre", "active")


def test_action_on_a_draft_by_an_outsider_is_not_found(client, index):
    draft = helpers.initiative(index, live=False)
    member = helpers.add(draft)
    client.force_login(UserFactory())
    assert act(client, draft, member, "retirer").status_code == 404
    assert state(member) == ("membre", "active")


def test_porteur_manages_the_members_of_their_draft(client, index):
    draft = helpers.initiative(index, live=False)
    member = helpers.add(draft)
    client.force_login(helpers.porteur_of(draft))
    act(client, draft, member, "promouvoir")
    assert state(member) == ("porteur", "active")
