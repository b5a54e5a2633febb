"""The status page: where an initiative stands with the moderators, in clear words, for its
members and the moderators only."""

import pytest

from initiatives import publication
from initiatives.models import InitiativePage
from tests.factories import InitiativePageFactory, MembershipFactory, UserFactory
from tests.initiatives import create_helpers as helpers

pytestmark = pytest.mark.django_db


def build_world():
    """The tree (home, territories, enjeux, the initiative index), built once for the module."""
    return helpers.tree()


@pytest.fixture
def setup(world):
    return world


@pytest.fixture
def citizen():
    return UserFactory()


def create(citizen, territories, **overrides):
    helpers.client_for(citizen).post(
        "/initiatives/nouvelle/", helpers.form_data(territories, **overrides)
    )
    return InitiativePage.objects.filter(owner=citizen).latest("pk")


def status_of(page, user):
    return helpers.client_for(user).get(f"/initiatives/{page.pk}/statut/")


def test_new_initiative_is_awaiting_validation(setup, citizen):
    page = create(citizen, setup[1])
    response = status_of(page, citizen)
    assert response.status_code == 200
    assert response.context["state"] == "pending"
    assert 'data-status="pending"' in response.content.decode()


def test_rejected_initiative_is_to_be_changed_with_the_moderators_comment(setup, citizen):
    page = create(citizen, setup[1])
    helpers.decide(page, "reject", comment="Précisez la commune & le lieu de rendez-vous.")
    response = status_of(page, citizen)
    html = response.content.decode()
    assert response.context["state"] == "needs_changes"
    assert "Précisez la commune &amp; le lieu de rendez-vous." in html
    assert "data-moderator-comment" in html


def test_a_resubmitted_initiative_is_awaiting_validation_again(setup, citizen):
    page = create(citizen, setup[1])
    helpers.decide(page, "reject", comment="Précisez le lieu.")
    draft = page.get_latest_revision_as_object()
    draft.summary = "Au local de la MJC, le samedi."
    publication.save_member_revision(helpers.fresh(page), draft, citizen)
    response = status_of(page, citizen)
    assert response.context["state"] == "pending"
    assert "Précisez le lieu." not in response.content.decode()


def test_approved_initiative_is_published_with_a_link_to_its_page(setup, citizen):
    page = create(citizen, setup[1])
    helpers.decide(page, "approve")
    response = status_of(page, citizen)
    assert response.context["state"] == "published"
    assert f'href="{helpers.fresh(page).url}"' in response.content.decode()


def test_a_pending_recheck_of_a_published_initiative_says_changes_await_validation(setup):
    index = setup[0]
    page = InitiativePageFactory(parent=index, title="Ancien nom")
    porteur = MembershipFactory(initiative=page).user
    draft = page.get_latest_revision_as_object() if page.latest_revision_id else page
    draft.title = "Nouveau nom"
    publication.save_member_revision(helpers.fresh(page), draft, porteur)
    response = status_of(page, porteur)
    assert response.context["state"] == "changes_pending"
    assert "data-public-link" in response.content.decode()


def test_status_links_to_edit_and_history_for_members(setup, citizen):
    page = create(citizen, setup[1])
    html = status_of(page, citizen).content.decode()
    assert f"/initiatives/{page.pk}/modifier/" in html
    assert f"/initiatives/{page.pk}/historique/" in html


def test_a_moderator_sees_the_status_of_a_draft(setup, citizen):
    page = create(citizen, setup[1])
    response = status_of(page, helpers.moderator())
    assert response.status_code == 200
    assert response.context["state"] == "pending"
    assert "Le Repair café de Giromagny" in response.content.decode()


def test_another_citizen_gets_404_for_a_draft(setup, citizen):
    page = create(citizen, setup[1])
    assert status_of(page, UserFactory()).status_code == 404


def test_another_citizen_may_not_read_the_status_of_a_published_initiative(setup):
    page = InitiativePageFactory(parent=setup[0])
    assert status_of(page, UserFactory()).status_code == 403


def test_visitor_is_sent_to_the_login_page(client, setup):
    page = InitiativePageFactory(parent=setup[0])
    response = client.get(f"/initiatives/{page.pk}/statut/")
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/login/")
