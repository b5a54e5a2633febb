"""The admin's "Initiatives" listing: moderators and editors filter initiatives by territory,
enjeu, maturity and moderation state; citizens and facilitators do not see it."""

import pytest
from django.test import override_settings

from accounts.rules import FACILITATORS
from initiatives.models import InitiativePage
from tests.factories import InitiativePageFactory, UserFactory
from tests.initiatives import create_helpers as helpers
from tests.initiatives.core_helpers import in_group

pytestmark = pytest.mark.django_db

LISTING = "/admin/initiative_pages/"


def build_world():
    """Three initiatives, built once for the module: Alpha (territory 0, enjeu 0, idea,
    live), Beta (territory 1, in activity, live) and Gamma (a draft in the moderators'
    workflow, created through the site's form as a citizen)."""
    with override_settings(
        EMAIL_BACKEND="outbox.backends.OutboxBackend",
        OUTBOX_DELIVERY_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    ):
        return build_initiatives()


def build_initiatives():
    index, territories, enjeux = helpers.tree()
    alpha = InitiativePageFactory(parent=index, title="Alpha", maturity="idee")
    alpha.territories.set([territories[0]])
    alpha.enjeux.set([enjeux[0]])
    alpha.save()
    beta = InitiativePageFactory(parent=index, title="Beta", maturity="activite")
    beta.territories.set([territories[1]])
    beta.save()
    citizen = UserFactory()
    helpers.client_for(citizen).post(
        "/initiatives/nouvelle/", helpers.form_data(territories, title="Gamma")
    )
    return territories, enjeux


@pytest.fixture
def setup(world):
    return world


def titles(response):
    return sorted(page.title for page in response.context["pages"])


@pytest.fixture
def moderator_client():
    return helpers.client_for(helpers.moderator())


def test_moderator_lists_every_initiative(setup, moderator_client):
    response = moderator_client.get(LISTING)
    assert response.status_code == 200
    assert titles(response) == ["Alpha", "Beta", "Gamma"]


def test_filter_by_territory(setup, moderator_client):
    territories, _ = setup
    response = moderator_client.get(LISTING, {"territories": territories[1].pk})
    assert titles(response) == ["Beta", "Gamma"]


def test_filter_by_enjeu(setup, moderator_client):
    _, enjeux = setup
    assert titles(moderator_client.get(LISTING, {"enjeux": enjeux[0].pk})) == ["Alpha"]


def test_filter_by_maturity(setup, moderator_client):
    assert titles(moderator_client.get(LISTING, {"maturity": "activite"})) == ["Beta"]


@pytest.mark.parametrize(
    "state, expected",
    [
        ("in_moderation", ["Gamma"]),
        ("changes_requested", []),
        ("none", ["Alpha", "Beta"]),
    ],
)
def test_filter_by_moderation_state(setup, moderator_client, state, expected):
    assert titles(moderator_client.get(LISTING, {"workflow": state})) == expected


def test_filter_finds_initiatives_sent_back_for_changes(setup, moderator_client):
    helpers.decide(InitiativePage.objects.get(title="Gamma"), "reject", comment="Non.")
    response = moderator_client.get(LISTING, {"workflow": "changes_requested"})
    assert titles(response) == ["Gamma"]


def test_editor_uses_the_listing(setup):
    response = helpers.client_for(helpers.editor()).get(LISTING, {"maturity": "activite"})
    assert titles(response) == ["Beta"]


def test_citizen_cannot_open_the_listing(setup):
    response = helpers.client_for(UserFactory()).get(LISTING)
    assert response.status_code == 302
    assert "Alpha" not in response.content.decode()


def test_menu_shows_initiatives_to_moderators_not_to_facilitators(setup):
    moderator_menu = helpers.client_for(helpers.moderator()).get("/admin/").content.decode()
    facilitator = helpers.client_for(in_group(FACILITATORS)).get("/admin/")
    assert LISTING in moderator_menu
    assert LISTING not in facilitator.content.decode()
