"""The members page: the list for whoever may see the initiative, requests and buttons for
its porteurs only; display names, never an e-mail address."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.initiatives import membership_helpers as helpers

pytestmark = pytest.mark.django_db


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
    page = helpers.initiative(index, policy="on_request", porteur=False)
    helpers.add(
        page, UserFactory(display_name="Porteuse Inès", email="ines@example.org"), role="porteur"
    )
    helpers.add(page, UserFactory(display_name="Membre Karim", email="karim@example.org"))
    helpers.add(
        page,
        UserFactory(display_name="Demandeur Léo", email="leo@example.org"),
        status="pending",
        message="Je sais <b>souder</b>.",
    )
    return page


def members_page(client, page):
    return client.get(reverse("initiatives:members", args=[page.pk]))


def test_porteur_sees_requests_with_their_message(client, page):
    client.force_login(helpers.porteur_of(page))
    html = members_page(client, page).content.decode()
    assert "data-pending-requests" in html
    assert "Demandeur Léo" in html
    assert "Je sais &lt;b&gt;souder&lt;/b&gt;." in html


def test_porteur_sees_the_action_buttons(client, page):
    client.force_login(helpers.porteur_of(page))
    html = members_page(client, page).content.decode()
    for action in ("accepter", "refuser", "promouvoir", "retirer"):
        assert f'data-action="{action}"' in html


def test_member_sees_the_list_but_no_request_nor_button(client, page):
    client.force_login(page.memberships.get(role="membre", status="active").user)
    html = members_page(client, page).content.decode()
    assert "Membre Karim" in html and "Porteuse Inès" in html
    assert "Demandeur Léo" not in html
    assert "data-action=" not in html


def test_visitor_sees_the_list_of_a_published_initiative(client, page):
    response = members_page(client, page)
    assert response.status_code == 200
    assert "Porteuse Inès" in response.content.decode()


def test_no_email_address_is_shown_even_to_porteurs(client, page):
    client.force_login(helpers.porteur_of(page))
    html = members_page(client, page).content.decode()
    assert "@example.org" not in html


def test_last_porteur_has_no_remove_button_for_themself(client, page):
    client.force_login(helpers.porteur_of(page))
    html = members_page(client, page).content.decode()
    assert 'data-action="retrograder"' not in html
    assert "data-last-porteur" in html


def test_members_page_of_a_draft_is_not_found_for_outsiders(client, index):
    draft = helpers.initiative(index, live=False)
    client.force_login(UserFactory())
    assert members_page(client, draft).status_code == 404


def test_members_page_of_a_draft_is_shown_to_its_members(client, index):
    draft = helpers.initiative(index, live=False)
    porteur = helpers.porteur_of(draft)
    client.force_login(porteur)
    response = members_page(client, draft)
    assert response.status_code == 200
    assert porteur.public_name in response.content.decode()
