"""The history lists every revision, newest first: who saved it, when, which fields it
changed, whether it was published, and which one is online or awaiting the moderators."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.initiatives import editing_helpers as helpers

pytestmark = pytest.mark.django_db


def build_world():
    """A published initiative, built once for the module."""
    index, territories, enjeux = helpers.tree()
    return helpers.initiative(index, territories[:1], enjeux[:1], title="Jardin des Vosges")


@pytest.fixture
def page(world):
    return world


def rows(html):
    return re.findall(r'<li class="revision-list__item[^"]*" data-revision-id="(\d+)"', html)


def test_the_history_shows_both_members_revisions_with_their_names(page):
    camille = helpers.member(page, display_name="Camille")
    louis = helpers.member(page, display_name="Louis")
    helpers.client_for(camille).post(
        helpers.edit_url(page), helpers.edit_data(page, summary="Le texte de Camille.")
    )
    helpers.client_for(louis).post(
        helpers.edit_url(page), helpers.edit_data(page, needs_text="Un local\nDes outils")
    )

    html = helpers.client_for(camille).get(helpers.history_url(page)).content.decode()

    revisions = helpers.revisions_of(page)
    assert rows(html) == [str(r.pk) for r in reversed(revisions)]
    assert re.findall(r"<span data-author>([^<]+)</span>", html) == [
        "Louis",
        "Camille",
        "Porteuse Alice",
    ]


def test_each_row_names_the_fields_it_changed(page):
    camille = helpers.member(page)
    helpers.client_for(camille).post(
        helpers.edit_url(page),
        helpers.edit_data(page, summary="Autre résumé.", tags_text="jardin, compost"),
    )

    html = helpers.client_for(camille).get(helpers.history_url(page)).content.decode()

    newest = html[html.index("data-changed-fields") :]
    newest = newest[: newest.index("</p>")]
    assert "Résumé" in newest or "Summary" in newest
    assert "Mots-clés" in newest or "Keywords" in newest
    assert "Territoires" not in newest and "Territories" not in newest


def test_the_live_and_the_pending_revisions_are_marked(page):
    camille = helpers.member(page)
    helpers.client_for(camille).post(
        helpers.edit_url(page), helpers.edit_data(page, title="Jardin renommé")
    )

    html = helpers.client_for(camille).get(helpers.history_url(page)).content.decode()

    live = re.search(r'data-revision-id="(\d+)" data-live', html).group(1)
    pending = re.search(r'data-revision-id="(\d+)"[^>]*data-pending', html).group(1)
    page = helpers.fresh(page)
    assert (int(live), int(pending)) == (page.live_revision_id, page.latest_revision_id)


def test_the_history_is_paginated(page):
    camille = helpers.member(page)
    for n in range(32):
        draft = helpers.fresh(page).get_latest_revision_as_object()
        draft.summary = f"Version {n}"
        draft.save_revision(user=camille)
    client = helpers.client_for(camille)

    first = client.get(helpers.history_url(page)).content.decode()
    second = client.get(helpers.history_url(page) + "?page=2").content.decode()

    assert len(rows(first)) == 30
    assert len(rows(second)) == 3
    assert not set(rows(first)) & set(rows(second))


def test_the_history_makes_as_many_queries_for_many_revisions_as_for_few(
    page, django_assert_max_num_queries
):
    camille = helpers.member(page)
    client = helpers.client_for(camille)
    client.get(helpers.history_url(page))
    with CaptureQueriesContext(connection) as few:
        client.get(helpers.history_url(page))
    for n in range(40):
        draft = helpers.fresh(page).get_latest_revision_as_object()
        draft.summary = f"Version {n}"
        draft.save_revision(user=helpers.member(page))

    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(helpers.history_url(page))
