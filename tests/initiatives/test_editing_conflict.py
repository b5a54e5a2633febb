"""A save built on a revision that is no longer the latest is refused: the member sees the
other change and keeps their own text; nothing is lost."""

import pytest
from django.db import OperationalError

from initiatives import publication
from tests.initiatives import editing_helpers as helpers

pytestmark = pytest.mark.django_db


def build_world():
    """A published initiative, built once for the module."""
    index, territories, enjeux = helpers.tree()
    return helpers.initiative(index, territories[:1], enjeux[:1], summary="Résumé de départ.")


@pytest.fixture
def page(world):
    return world


@pytest.fixture
def camille(page):
    return helpers.member(page, display_name="Camille")


@pytest.fixture
def louis(page):
    return helpers.member(page, display_name="Louis")


def test_the_second_member_saving_from_the_same_revision_is_refused(page, camille, louis):
    first = helpers.edit_data(page, summary="Le texte de Camille.")
    second = helpers.edit_data(page, summary="Le texte de Louis.")
    helpers.client_for(camille).post(helpers.edit_url(page), first)

    response = helpers.client_for(louis).post(helpers.edit_url(page), second)

    assert response.status_code == 409
    latest = helpers.fresh(page).latest_revision
    assert latest.user == camille
    assert latest.content["summary"] == "Le texte de Camille."
    assert helpers.fresh(page).summary == "Le texte de Camille."


def test_the_refused_member_sees_their_own_text_and_the_other_change(page, camille, louis):
    base = helpers.edit_data(page)
    helpers.client_for(camille).post(
        helpers.edit_url(page), {**base, "summary": "Le texte de Camille."}
    )

    response = helpers.client_for(louis).post(
        helpers.edit_url(page), {**base, "summary": "Le texte de Louis."}
    )

    html = response.content.decode()
    assert "data-conflict" in html
    assert "Camille" in html
    # The member's own text stays in the form, the other person's change is in the diff.
    assert "Le texte de Louis.</textarea>" in html
    assert '<del class="deletion">Résumé de départ.</del>' in html
    assert '<ins class="addition">Le texte de Camille.</ins>' in html


def test_the_refused_form_builds_on_the_latest_revision(page, camille, louis):
    base = helpers.edit_data(page)
    helpers.client_for(camille).post(helpers.edit_url(page), {**base, "summary": "Camille."})

    response = helpers.client_for(louis).post(helpers.edit_url(page), {**base, "summary": "Louis."})

    latest = helpers.fresh(page).latest_revision_id
    assert f'name="base_revision" value="{latest}"' in response.content.decode()


def test_after_merging_the_second_member_saves_and_both_versions_are_kept(page, camille, louis):
    base = helpers.edit_data(page)
    helpers.client_for(camille).post(helpers.edit_url(page), {**base, "summary": "Camille."})
    louis_client = helpers.client_for(louis)
    louis_client.post(helpers.edit_url(page), {**base, "summary": "Louis."})

    merged = helpers.edit_data(page, summary="Camille. Louis.")
    response = louis_client.post(helpers.edit_url(page), merged)

    assert response.status_code == 302
    revisions = helpers.revisions_of(page)
    assert [(r.user, r.content["summary"]) for r in revisions[-2:]] == [
        (camille, "Camille."),
        (louis, "Camille. Louis."),
    ]


def test_a_restore_in_between_also_makes_an_edit_stale(page, camille, louis):
    base = helpers.edit_data(page)
    helpers.client_for(camille).post(helpers.edit_url(page), {**base, "summary": "Camille."})
    first = helpers.revisions_of(page)[0]
    helpers.client_for(camille).post(
        helpers.restore_url(page, first),
        {"base_revision": str(helpers.fresh(page).latest_revision_id)},
    )

    response = helpers.client_for(louis).post(
        helpers.edit_url(page),
        {**base, "base_revision": str(helpers.revisions_of(page)[-2].pk), "summary": "Louis."},
    )

    assert response.status_code == 409


@pytest.mark.parametrize("value", [None, "", "abc", "-3", "99999999", "1 OR 1=1"])
def test_a_missing_or_invalid_base_revision_saves_nothing(page, camille, value):
    data = helpers.edit_data(page, summary="Jamais enregistré.")
    if value is None:
        del data["base_revision"]
    else:
        data["base_revision"] = value
    before = len(helpers.revisions_of(page))

    response = helpers.client_for(camille).post(helpers.edit_url(page), data)

    assert response.status_code == 400
    assert len(helpers.revisions_of(page)) == before
    assert "Jamais enregistré." in response.content.decode()


def test_a_revision_of_another_initiative_is_not_a_valid_base(page, camille):
    other = helpers.initiative(page.get_parent().specific, list(page.territories.all()))
    data = helpers.edit_data(page, summary="Jamais enregistré.")
    data["base_revision"] = str(other.latest_revision_id)

    response = helpers.client_for(camille).post(helpers.edit_url(page), data)

    assert response.status_code == 400
    assert helpers.fresh(page).summary == "Résumé de départ."


def test_a_busy_database_is_a_retry_message_not_an_error(page, camille, monkeypatch):
    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(publication, "save_member_revision", locked)
    before = len(helpers.revisions_of(page))

    response = helpers.client_for(camille).post(
        helpers.edit_url(page), helpers.edit_data(page, summary="Mon texte gardé.")
    )

    assert response.status_code == 409
    assert "Mon texte gardé." in response.content.decode()
    assert len(helpers.revisions_of(page)) == before
