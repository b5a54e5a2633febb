"""Requests to join, which e-mail the porteurs with the requester's free text, are limited per
account and per initiative: leaving and asking again in a loop no longer floods the porteurs.
A refused request writes nothing (no membership, no e-mail). A request sent twice (a double
click) is stored and e-mailed once, « Déjà envoyé »."""

import pytest
from django.urls import reverse

from accounts.models import AccountAction
from initiatives.models import Membership
from tests.factories import UserFactory
from tests.initiatives import membership_helpers as helpers

pytestmark = pytest.mark.django_db

MESSAGE = "Je répare des vélos depuis dix ans et j'ai du temps le samedi."


def build_world():
    return helpers.index_page()


@pytest.fixture
def index(world):
    return world


@pytest.fixture
def citizen(client):
    user = UserFactory(display_name="Camille")
    client.force_login(user)
    return user


def join(client, page, message=MESSAGE):
    return client.post(reverse("initiatives:join", args=[page.pk]), {"message": message})


def leave(client, page):
    return client.post(reverse("initiatives:leave", args=[page.pk]))


def notices(response):
    return [str(message) for message in response.wsgi_request._messages]


def test_leaving_and_asking_again_eight_times_mails_the_porteurs_three_times(
    client, index, citizen
):
    page = helpers.initiative(index, policy="on_request")
    porteur = helpers.porteur_of(page)
    refused = []
    for _ in range(8):
        refused.append("rate_limited" in helpers.message_codes(join(client, page)))
        leave(client, page)

    assert len(helpers.mails(porteur.email)) == 3
    assert refused == [False] * 3 + [True] * 5
    assert not Membership.objects.filter(initiative=page, user=citizen).exists()


def test_a_refused_request_writes_nothing_and_says_why_in_french(client, index, citizen, settings):
    settings.INITIATIVE_JOIN_REQUESTS_PER_INITIATIVE_LIMIT = (1, 24 * 3600)
    page = helpers.initiative(index, policy="on_request")
    join(client, page)
    leave(client, page)
    mails_before = len(helpers.mails())
    actions_before = AccountAction.objects.count()

    response = join(client, page, "Un autre message, tout aussi long.")

    assert response.status_code == 302
    assert not Membership.objects.filter(initiative=page, user=citizen).exists()
    assert len(helpers.mails()) == mails_before
    assert AccountAction.objects.count() == actions_before
    assert any("Veuillez patienter avant de redemander" in text for text in notices(response))


def test_the_per_initiative_limit_leaves_other_initiatives_open(client, index, citizen, settings):
    settings.INITIATIVE_JOIN_REQUESTS_PER_INITIATIVE_LIMIT = (1, 24 * 3600)
    first = helpers.initiative(index, policy="on_request")
    second = helpers.initiative(index, policy="on_request")
    join(client, first)
    leave(client, first)
    join(client, first)
    join(client, second)
    assert list(Membership.objects.filter(user=citizen).values_list("initiative", flat=True)) == [
        second.pk
    ]


def test_requests_are_limited_per_account_across_initiatives(client, index, citizen, settings):
    settings.INITIATIVE_JOIN_REQUEST_RATE_LIMIT = (2, 3600)
    pages = [helpers.initiative(index, policy="on_request") for _ in range(3)]
    for page in pages:
        join(client, page)
    assert sorted(Membership.objects.filter(user=citizen).values_list("initiative", flat=True)) == [
        pages[0].pk,
        pages[1].pk,
    ]
    assert len(helpers.mails()) == 2


def test_each_account_has_its_own_allowance(client, index, citizen, settings):
    settings.INITIATIVE_JOIN_REQUESTS_PER_INITIATIVE_LIMIT = (1, 24 * 3600)
    page = helpers.initiative(index, policy="on_request")
    join(client, page)
    client.force_login(UserFactory())
    join(client, page)
    assert Membership.objects.pending().filter(initiative=page).count() == 2


def test_joining_an_open_initiative_is_not_limited(client, index, citizen, settings):
    """Nobody is e-mailed: leaving and joining again costs the porteurs nothing."""
    settings.INITIATIVE_JOIN_REQUESTS_PER_INITIATIVE_LIMIT = (1, 24 * 3600)
    page = helpers.initiative(index, policy="open")
    for _ in range(3):
        join(client, page)
        leave(client, page)
    join(client, page)
    assert Membership.objects.get(initiative=page, user=citizen).status == "active"


def test_a_request_sent_twice_is_stored_and_mailed_once(client, index, citizen):
    page = helpers.initiative(index, policy="on_request")
    join(client, page)
    response = join(client, page, "  " + MESSAGE.upper())

    assert Membership.objects.filter(initiative=page, user=citizen).count() == 1
    assert len(helpers.mails()) == 1
    assert any(text.startswith("Déjà envoyé") for text in notices(response))


def test_another_message_while_pending_is_told_the_request_exists(client, index, citizen):
    page = helpers.initiative(index, policy="on_request")
    join(client, page)
    response = join(client, page, "Finalement, autre chose à dire.")
    assert Membership.objects.get(initiative=page, user=citizen).message == MESSAGE
    assert len(helpers.mails()) == 1
    assert not any(text.startswith("Déjà envoyé") for text in notices(response))
