"""The initiative page shows its discussions: the ones the viewer may read (members-only
threads for its members and the moderators only)."""

import pytest
from django.urls import reverse

from .core_helpers import client_for, initiative_thread, moderator
from .core_helpers import world as make_world

pytestmark = pytest.mark.django_db


def build_world():
    return make_world()


def block(response):
    text = response.text
    start = text.index("data-latest-threads")
    return text[start : text.index("</section>", start)]


@pytest.fixture
def w(world):
    initiative_thread(world.initiative, world.member, title="Ouvert à tous")
    initiative_thread(world.initiative, world.porteur, title="Entre membres", members_only=True)
    return world


def test_visitors_and_citizens_see_the_public_threads_only(client, w):
    for viewer in (None, w.citizen):
        if viewer:
            client.force_login(viewer)
        section = block(client.get(w.initiative.url))
        assert "Ouvert à tous" in section
        assert "Entre membres" not in section
        assert 'data-thread-count="1"' in section


def test_members_and_moderators_also_see_the_members_only_threads(w):
    for viewer in (w.member, moderator()):
        section = block(client_for(viewer).get(w.initiative.url))
        assert "Ouvert à tous" in section and "Entre membres" in section
        assert 'data-thread-count="2"' in section


def test_the_block_links_to_the_initiative_forum(client, w):
    section = block(client.get(w.initiative.url))
    assert reverse("forums:initiative-forum", args=[w.initiative.pk]) in section


def test_members_are_offered_to_start_a_discussion_and_others_are_not(client, w):
    new_url = reverse("forums:initiative-new-thread", args=[w.initiative.pk])
    assert new_url in block(client_for(w.member).get(w.initiative.url))
    assert new_url not in block(client_for(w.citizen).get(w.initiative.url))
    assert new_url not in block(client.get(w.initiative.url))


def test_an_initiative_without_threads_says_so(client, world):
    section = block(client.get(world.initiative.url))
    assert "data-thread-link" not in section
