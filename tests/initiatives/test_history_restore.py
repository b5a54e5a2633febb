"""Restoring an earlier version: a confirmation shows what it changes, then a new revision
with that content is saved in the member's name (relations included), behind the same
stale-save check as the edit form and the same re-check rule."""

import pytest
from django.urls import reverse

from initiatives import publication
from tests.initiatives import editing_helpers as helpers

pytestmark = pytest.mark.django_db


def build_world():
    """The tree and a published initiative in it, built once for the module."""
    index, territories, enjeux = helpers.tree()
    page = helpers.initiative(
        index, territories[:1], enjeux[:1], title="Nom d'origine", summary="Résumé d'origine."
    )
    return {"setting": (index, territories, enjeux), "page": page}


@pytest.fixture
def setting(world):
    return world["setting"]


@pytest.fixture
def page(world):
    return world["page"]


@pytest.fixture
def camille(page):
    return helpers.member(page, display_name="Camille")


def change_everything(setting, page, user):
    _index, territories, enjeux = setting
    helpers.client_for(user).post(
        helpers.edit_url(page),
        helpers.edit_data(
            page,
            title="Nom changé",
            summary="Résumé changé.",
            territories=[territories[1].pk],
            enjeux=[enjeux[1].pk],
            tags_text="autre",
        ),
    )
    helpers.approve(helpers.fresh(page))


def restore(client, page, revision):
    return client.post(
        helpers.restore_url(page, revision),
        {"base_revision": str(helpers.fresh(page).latest_revision_id)},
    )


def test_the_confirmation_shows_what_restoring_changes(setting, page, camille):
    change_everything(setting, page, camille)
    first = helpers.revisions_of(page)[0]

    response = helpers.client_for(camille).get(helpers.restore_url(page, first))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<del class="deletion">changé</del>' in html
    assert "data-restore-form" in html
    assert len(helpers.revisions_of(page)) == 2


def test_restoring_brings_back_the_name_territories_tags_and_enjeux(setting, page, camille):
    _index, territories, enjeux = setting
    change_everything(setting, page, camille)
    first = helpers.revisions_of(page)[0]

    response = restore(helpers.client_for(camille), page, first)

    assert response.status_code == 302
    latest = helpers.fresh(page).latest_revision
    assert latest.user == camille
    restored = latest.as_object()
    assert restored.title == "Nom d'origine"
    assert [t.pk for t in restored.territories.all()] == [territories[0].pk]
    assert [e.pk for e in restored.enjeux.all()] == [enjeux[0].pk]
    assert [t.name for t in restored.tags.all()] == ["jardin"]


def test_restoring_an_old_name_goes_back_to_the_moderators(setting, page, camille):
    change_everything(setting, page, camille)
    first = helpers.revisions_of(page)[0]

    response = restore(helpers.client_for(camille), page, first)

    assert response.url == reverse("initiatives:status", args=[page.pk])
    assert helpers.fresh(page).title == "Nom changé"
    assert publication.open_workflow_state(page) is not None


def test_restoring_a_summary_publishes_it_at_once(page, camille):
    helpers.client_for(camille).post(
        helpers.edit_url(page), helpers.edit_data(page, summary="Résumé changé.")
    )
    first = helpers.revisions_of(page)[0]

    response = restore(helpers.client_for(camille), page, first)

    assert response.url == helpers.fresh(page).url
    assert helpers.fresh(page).summary == "Résumé d'origine."


def test_a_restore_from_a_stale_confirmation_is_refused(page, camille):
    client = helpers.client_for(camille)
    client.post(helpers.edit_url(page), helpers.edit_data(page, summary="Deuxième."))
    first = helpers.revisions_of(page)[0]
    stale_base = str(helpers.fresh(page).latest_revision_id)
    louis = helpers.member(page, display_name="Louis")
    helpers.client_for(louis).post(
        helpers.edit_url(page), helpers.edit_data(page, summary="Troisième, de Louis.")
    )

    response = client.post(helpers.restore_url(page, first), {"base_revision": stale_base})

    assert response.status_code == 409
    assert "Louis" in response.content.decode()
    assert helpers.fresh(page).summary == "Troisième, de Louis."


def test_a_restore_without_base_revision_is_refused(page, camille):
    client = helpers.client_for(camille)
    client.post(helpers.edit_url(page), helpers.edit_data(page, summary="Deuxième."))
    first = helpers.revisions_of(page)[0]

    response = client.post(helpers.restore_url(page, first), {})

    assert response.status_code == 400
    assert helpers.fresh(page).summary == "Deuxième."


def test_restoring_the_current_version_saves_nothing(page, camille):
    latest = helpers.fresh(page).latest_revision

    response = restore(helpers.client_for(camille), page, latest)

    assert response.status_code == 302
    assert len(helpers.revisions_of(page)) == 1
