"""A member edits an initiative from the public site: each save is a revision in their name,
published at once unless it touches a re-check field (then the Modérateurs decide)."""

import re

import pytest
from django.urls import reverse

from initiatives import publication
from tests.initiatives import editing_helpers as helpers

pytestmark = pytest.mark.django_db


def build_world():
    """The tree and a published initiative in it, built once for the module."""
    index, territories, enjeux = helpers.tree()
    published = helpers.initiative(index, territories[:1], enjeux[:1], title="Jardin des Vosges")
    return {"setting": (index, territories, enjeux), "published": published}


@pytest.fixture
def setting(world):
    return world["setting"]


@pytest.fixture
def published(world):
    return world["published"]


def test_the_form_is_built_on_the_latest_revision_with_its_id(published):
    alice = helpers.member(published)
    draft = published.get_latest_revision_as_object()
    draft.summary = "Un résumé encore en brouillon."
    draft.save_revision(user=alice)

    response = helpers.client_for(alice).get(helpers.edit_url(published))

    assert response.status_code == 200
    assert "Un résumé encore en brouillon." in response.content.decode()
    latest = helpers.fresh(published).latest_revision_id
    assert f'name="base_revision" value="{latest}"' in response.content.decode()


def test_the_form_ticks_the_territories_and_lists_the_contribution_numbers(setting):
    index, territories, _enjeux = setting
    contribution = helpers.factories.ContributionFactory(territory=territories[0])
    page = helpers.initiative(index, territories[:1])
    draft = page.get_latest_revision_as_object()
    draft.inspired_by = [contribution]
    draft.save_revision(user=page.latest_revision.user)
    camille = helpers.member(page)

    html = helpers.client_for(camille).get(helpers.edit_url(page)).content.decode()

    ticked = re.findall(
        r'<input type="checkbox" name="territories" value="(\d+)"[^>]*checked', html
    )
    assert ticked == [str(territories[0].pk)]
    assert f'name="territories" value="{territories[1].pk}"' in html
    assert f'name="inspired_by" value="{contribution.pk}"' in html


def test_each_save_is_a_revision_authored_by_that_member(published):
    camille = helpers.member(published, display_name="Camille")
    client = helpers.client_for(camille)

    client.post(helpers.edit_url(published), helpers.edit_data(published, summary="Un"))
    client.post(helpers.edit_url(published), helpers.edit_data(published, summary="Deux"))

    revisions = helpers.revisions_of(published)
    assert [r.user for r in revisions[-2:]] == [camille, camille]
    assert [r.content["summary"] for r in revisions[-2:]] == ["Un", "Deux"]


def test_a_summary_change_is_published_at_once(published):
    camille = helpers.member(published)

    response = helpers.client_for(camille).post(
        helpers.edit_url(published), helpers.edit_data(published, summary="Réparer ensemble.")
    )

    page = helpers.fresh(published)
    assert response.status_code == 302
    assert response.url == page.url
    assert page.summary == "Réparer ensemble."
    assert page.live_revision_id == page.latest_revision_id


def test_a_name_change_stays_unpublished_until_a_moderator_approves(client, published):
    camille = helpers.member(published)

    response = helpers.client_for(camille).post(
        helpers.edit_url(published), helpers.edit_data(published, title="Jardin renommé")
    )

    assert response.url == reverse("initiatives:status", args=[published.pk])
    page = helpers.fresh(published)
    assert page.title == "Jardin des Vosges"
    assert page.has_unpublished_changes
    public = client.get(page.url).content.decode()
    assert "Jardin des Vosges" in public
    assert "Jardin renommé" not in public
    api = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert api["title"] == "Jardin des Vosges"

    helpers.approve(page)

    assert helpers.fresh(published).title == "Jardin renommé"


def test_a_name_change_is_also_kept_out_of_the_geojson(client, published):
    camille = helpers.member(published)
    helpers.client_for(camille).post(
        helpers.edit_url(published),
        helpers.edit_data(published, title="Jardin renommé", latitude="47.64", longitude="6.86"),
    )

    geojson = client.get(reverse("initiatives:geojson")).content.decode()

    assert "Jardin renommé" not in geojson


def test_while_a_name_check_is_pending_a_summary_change_stays_a_draft(published):
    camille = helpers.member(published)
    client = helpers.client_for(camille)
    client.post(helpers.edit_url(published), helpers.edit_data(published, title="Jardin renommé"))

    response = client.post(
        helpers.edit_url(published), helpers.edit_data(published, summary="Pas encore public.")
    )

    assert response.url == reverse("initiatives:status", args=[published.pk])
    page = helpers.fresh(published)
    assert page.summary != "Pas encore public."
    assert page.title == "Jardin des Vosges"


def test_approving_publishes_the_latest_revision(published):
    camille = helpers.member(published)
    client = helpers.client_for(camille)
    client.post(helpers.edit_url(published), helpers.edit_data(published, title="Jardin renommé"))
    client.post(
        helpers.edit_url(published), helpers.edit_data(published, summary="Résumé plus récent.")
    )

    helpers.approve(helpers.fresh(published))

    page = helpers.fresh(published)
    assert (page.title, page.summary) == ("Jardin renommé", "Résumé plus récent.")
    assert page.live_revision_id == page.latest_revision_id
    assert publication.open_workflow_state(page) is None


def test_a_draft_initiative_goes_to_its_status_page(setting):
    index, territories, _enjeux = setting
    draft = helpers.initiative(index, territories[:1], live=False)
    porteur = draft.latest_revision.user

    response = helpers.client_for(porteur).post(
        helpers.edit_url(draft), helpers.edit_data(draft, summary="Toujours en attente.")
    )

    assert response.url == reverse("initiatives:status", args=[draft.pk])
    page = helpers.fresh(draft)
    assert not page.live
    assert page.get_latest_revision_as_object().summary == "Toujours en attente."


def test_territories_tags_and_enjeux_are_saved_in_the_revision(setting):
    index, territories, enjeux = setting
    page = helpers.initiative(index, territories[:1], enjeux[:1])
    camille = helpers.member(page)

    helpers.client_for(camille).post(
        helpers.edit_url(page),
        helpers.edit_data(
            page,
            territories=[t.pk for t in territories],
            enjeux=[enjeux[1].pk],
            tags_text="vélo, atelier",
        ),
    )

    content = helpers.fresh(page).latest_revision.content
    assert sorted(content["territories"]) == sorted(t.pk for t in territories)
    assert content["enjeux"] == [enjeux[1].pk]
    live = helpers.fresh(page)
    assert sorted(t.name for t in live.tags.all()) == ["atelier", "vélo"]


def test_saving_an_unchanged_form_adds_no_revision(published):
    camille = helpers.member(published)
    before = len(helpers.revisions_of(published))

    response = helpers.client_for(camille).post(
        helpers.edit_url(published), helpers.edit_data(published)
    )

    assert response.status_code == 302
    assert len(helpers.revisions_of(published)) == before


def test_an_invalid_form_keeps_the_values_and_saves_nothing(published):
    camille = helpers.member(published)
    before = len(helpers.revisions_of(published))

    response = helpers.client_for(camille).post(
        helpers.edit_url(published),
        helpers.edit_data(published, title="", summary="Mon résumé tapé."),
    )

    assert response.status_code == 400
    assert "Mon résumé tapé." in response.content.decode()
    assert len(helpers.revisions_of(published)) == before


def test_a_page_without_any_revision_can_be_edited(setting):
    index, territories, _enjeux = setting
    page = helpers.fresh(
        helpers.factories.InitiativePageFactory(parent=index, title="Sans révision")
    )
    page.territories.set(territories[:1])
    page.save()
    camille = helpers.member(page)
    client = helpers.client_for(camille)

    form = client.get(helpers.edit_url(page)).content.decode()
    response = client.post(
        helpers.edit_url(page), helpers.edit_data(page, summary="Première version.")
    )

    assert 'name="base_revision" value="0"' in form
    assert response.status_code == 302
    assert helpers.fresh(page).latest_revision.user == camille
    assert helpers.fresh(page).latest_revision.content["summary"] == "Première version."


def test_a_point_stored_in_another_format_is_not_a_change(setting):
    index, territories, _enjeux = setting
    page = helpers.initiative(index, territories[:1], location="SRID=4326;POINT(6.86380 47.639700)")
    camille = helpers.member(page)
    before = len(helpers.revisions_of(page))

    helpers.client_for(camille).post(helpers.edit_url(page), helpers.edit_data(page))

    assert len(helpers.revisions_of(page)) == before


def test_a_contribution_hidden_since_does_not_block_the_next_save(setting):
    index, territories, _enjeux = setting
    kept = helpers.factories.ContributionFactory(territory=territories[0])
    hidden = helpers.factories.ContributionFactory(territory=territories[0])
    page = helpers.initiative(index, territories[:1])
    draft = page.get_latest_revision_as_object()
    draft.inspired_by = [kept, hidden]
    draft.save_revision(user=page.latest_revision.user)
    hidden.status = "hidden"
    hidden.save()
    camille = helpers.member(page)
    client = helpers.client_for(camille)

    html = client.get(helpers.edit_url(page)).content.decode()
    shown = re.search(r'name="inspired_by" value="([^"]*)"', html).group(1)
    response = client.post(
        helpers.edit_url(page), helpers.edit_data(page, inspired_by=shown, summary="Suite.")
    )

    assert shown == str(kept.pk)
    assert response.status_code == 302
    latest = helpers.fresh(page).latest_revision
    assert latest.user == camille
    saved = latest.as_object()
    assert saved.summary == "Suite."
    assert [c.pk for c in saved.inspired_by.all()] == [kept.pk]
