"""Presence on the edit page, kept in Wagtail's editing sessions: the others with the page open
in the last INITIATIVE_PRESENCE_SECONDS are shown, by their public name only."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.admin.models import EditingSession

from tests.initiatives import editing_helpers as helpers

pytestmark = pytest.mark.django_db


def build_world():
    """The tree and a published initiative in it, built once for the module."""
    index, territories, _enjeux = helpers.tree()
    return {
        "index": index,
        "territories": territories,
        "page": helpers.initiative(index, territories[:1]),
    }


@pytest.fixture
def page(world):
    return world["page"]


@pytest.fixture
def camille(page):
    return helpers.member(page, display_name="Camille")


@pytest.fixture
def louis(page):
    return helpers.member(page, display_name="Louis")


def ping(client, page, **data):
    return client.post(helpers.presence_url(page), data)


def age(user, seconds):
    EditingSession.objects.filter(user=user).update(
        last_seen_at=timezone.now() - datetime.timedelta(seconds=seconds)
    )


def test_opening_the_edit_page_starts_a_session(page, camille):
    helpers.client_for(camille).get(helpers.edit_url(page))

    session = EditingSession.objects.get(user=camille)
    assert session.object_id == str(page.pk)
    assert session.content_type.model_class().__name__ == "InitiativePage"
    assert session.is_editing


def test_the_ping_interval_reaches_the_script_unlocalized(page, camille, settings):
    settings.INITIATIVE_PRESENCE_PING_SECONDS = 0.5

    html = helpers.client_for(camille).get(helpers.edit_url(page)).content.decode()

    # In French 0.5 would be written « 0,5 », which the script reads as no interval at all.
    assert 'data-presence-interval="0.5"' in html


def test_the_other_member_is_shown_within_the_time_window(page, camille, louis):
    helpers.client_for(camille).get(helpers.edit_url(page))
    age(camille, 50)

    answer = ping(helpers.client_for(louis), page).json()

    assert answer["others"] == [{"name": "Camille"}]
    assert answer["latest_revision"] == helpers.fresh(page).latest_revision_id


def test_the_other_member_is_gone_after_the_time_window(page, camille, louis):
    helpers.client_for(camille).get(helpers.edit_url(page))
    age(camille, 61)

    answer = ping(helpers.client_for(louis), page).json()

    assert answer["others"] == []


def test_the_edit_page_names_the_others_present(page, camille, louis):
    helpers.client_for(camille).get(helpers.edit_url(page))

    html = helpers.client_for(louis).get(helpers.edit_url(page)).content.decode()

    region = html[html.index("data-presence-others") :]
    region = region[: region.index("</p>")]
    assert "Camille" in region
    assert 'aria-live="polite"' in html


def test_a_ping_refreshes_the_callers_own_session(page, camille):
    client = helpers.client_for(camille)
    client.get(helpers.edit_url(page))
    session = EditingSession.objects.get(user=camille)
    age(camille, 55)

    answer = ping(client, page, session=session.pk).json()

    assert answer["session"] == session.pk
    session.refresh_from_db()
    assert timezone.now() - session.last_seen_at < datetime.timedelta(seconds=5)


def test_a_ping_cannot_refresh_someone_elses_session(page, camille, louis):
    helpers.client_for(camille).get(helpers.edit_url(page))
    theirs = EditingSession.objects.get(user=camille)
    age(camille, 61)

    answer = ping(helpers.client_for(louis), page, session=theirs.pk).json()

    assert answer["session"] != theirs.pk
    assert answer["others"] == []


def test_release_deletes_only_the_callers_session(page, camille, louis):
    helpers.client_for(camille).get(helpers.edit_url(page))
    louis_client = helpers.client_for(louis)
    louis_client.get(helpers.edit_url(page))
    camilles = EditingSession.objects.get(user=camille)
    louiss = EditingSession.objects.get(user=louis)

    assert ping(louis_client, page, session=camilles.pk, release="1").json() == {"released": False}
    assert ping(louis_client, page, session=louiss.pk, release="1").json() == {"released": True}
    assert list(EditingSession.objects.values_list("user", flat=True)) == [camille.pk]


def test_a_ping_arriving_after_the_release_does_not_bring_the_session_back(page, camille, louis):
    client = helpers.client_for(camille)
    client.get(helpers.edit_url(page))
    session = EditingSession.objects.get(user=camille)
    assert ping(client, page, session=session.pk, release="1").json() == {"released": True}

    late = ping(client, page, session=session.pk).json()

    assert late["session"] is None
    assert not EditingSession.objects.filter(user=camille).exists()
    assert ping(helpers.client_for(louis), page).json()["others"] == []


def test_releasing_without_a_session_releases_nothing(page, camille):
    client = helpers.client_for(camille)
    client.get(helpers.edit_url(page))

    assert ping(client, page, session="", release="1").json() == {"released": False}
    assert EditingSession.objects.filter(user=camille).exists()


def test_a_ping_without_a_session_opens_one(page, camille):
    answer = ping(helpers.client_for(camille), page).json()

    assert answer["session"] == EditingSession.objects.get(user=camille).pk


def test_sessions_silent_for_an_hour_are_deleted(page, camille, louis):
    helpers.client_for(camille).get(helpers.edit_url(page))
    age(camille, 3700)

    helpers.client_for(louis).get(helpers.edit_url(page))

    assert not EditingSession.objects.filter(user=camille).exists()


def test_the_same_person_in_two_tabs_is_not_shown_to_themself(page, camille):
    client = helpers.client_for(camille)
    client.get(helpers.edit_url(page))

    answer = ping(client, page).json()

    assert answer["others"] == []


def test_names_are_escaped_on_the_page(page, camille):
    mallory = helpers.member(page, display_name="<img src=x onerror=alert(1)>")
    helpers.client_for(mallory).get(helpers.edit_url(page))

    html = helpers.client_for(camille).get(helpers.edit_url(page)).content.decode()

    assert "<img src=x onerror" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_the_json_holds_display_names_only(page, camille, louis):
    helpers.client_for(camille).get(helpers.edit_url(page))

    answer = ping(helpers.client_for(louis), page).json()

    assert set(answer) == {"session", "others", "latest_revision"}
    assert answer["others"] == [{"name": "Camille"}]
    assert camille.email not in str(answer)


@pytest.mark.parametrize("who", ["visitor", "citizen", "moderator"])
def test_only_editors_of_the_page_may_ping(client, page, who):
    if who == "citizen":
        client.force_login(helpers.factories.UserFactory())
    elif who == "moderator":
        client.force_login(helpers.moderator())

    assert ping(client, page).status_code == 403
    assert not EditingSession.objects.exists()


def test_a_ping_on_a_draft_by_a_stranger_is_a_404(client, world):
    draft = helpers.initiative(world["index"], world["territories"][:1], live=False)
    client.force_login(helpers.factories.UserFactory())

    assert ping(client, draft).status_code == 404


def test_the_presence_endpoint_refuses_get(page, camille):
    assert helpers.client_for(camille).get(helpers.presence_url(page)).status_code == 405


def test_the_presence_endpoint_needs_the_csrf_token(page, camille):
    client = Client(enforce_csrf_checks=True)
    client.force_login(camille)

    assert client.post(helpers.presence_url(page)).status_code == 403
