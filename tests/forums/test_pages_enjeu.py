"""The enjeu page shows its three latest discussions with a link to its forum."""

import pytest
from django.urls import reverse

from . import threads_helpers as h
from .core_helpers import client_for, comment, enjeu_thread, initiative_thread, old_account
from .core_helpers import world as make_world

pytestmark = pytest.mark.django_db


def build_world():
    return make_world()


def block(response):
    text = response.text
    start = text.index("data-latest-threads")
    return text[start : text.index("</section>", start)]


def test_the_enjeu_page_shows_its_three_latest_discussions(world, client):
    threads = [enjeu_thread(world.enjeu, world.citizen, title=f"Sujet {n}") for n in range(5)]
    comment(threads[0], old_account())  # the oldest becomes the latest active
    section = block(client.get(world.enjeu.url))
    assert section.count("data-thread-link") == 3
    assert section.index("Sujet 0") < section.index("Sujet 4") < section.index("Sujet 3")
    assert "Sujet 1" not in section
    assert 'data-thread-count="5"' in client.get(world.enjeu.url).text


def test_the_block_links_to_the_forum_and_counts_published_replies(world, client):
    thread = enjeu_thread(world.enjeu, world.citizen)
    comment(thread, old_account())
    h.hide(comment(thread, old_account()))
    section = block(client.get(world.enjeu.url))
    assert reverse("forums:enjeu-forum", args=[world.enjeu.slug]) in section
    assert 'data-reply-count="1"' in section


def test_only_the_enjeu_s_own_threads_are_shown(world, client):
    enjeu_thread(world.other_enjeu, world.citizen, title="Autre enjeu")
    initiative_thread(world.initiative, world.porteur, title="Entre membres", members_only=True)
    section = block(client.get(world.enjeu.url))
    assert "data-thread-link" not in section
    assert "Autre enjeu" not in section and "Entre membres" not in section


def test_visitors_are_invited_to_log_in_and_citizens_to_start(world, client):
    assert "data-login-link" in block(client.get(world.enjeu.url))
    section = block(client_for(world.citizen).get(world.enjeu.url))
    assert reverse("forums:enjeu-new-thread", args=[world.enjeu.slug]) in section


def test_titles_are_escaped_on_the_enjeu_page(world, client):
    enjeu_thread(world.enjeu, world.citizen, title="<script>alert(1)</script>")
    section = block(client.get(world.enjeu.url))
    assert "<script>" not in section
    assert "&lt;script&gt;" in section


def test_the_pinned_thread_comes_first_as_on_the_forum_page(world, client):
    threads = [enjeu_thread(world.enjeu, world.citizen, title=f"Sujet {n}") for n in range(4)]
    threads[0].pinned = True  # the oldest, least active thread
    threads[0].save(update_fields=["pinned"])
    section = block(client.get(world.enjeu.url))
    assert section.count("data-thread-link") == 3
    assert section.index("Sujet 0") < section.index("Sujet 3") < section.index("Sujet 2")
    forum = client.get(reverse("forums:enjeu-forum", args=[world.enjeu.slug])).text
    assert forum.index("Sujet 0") < forum.index("Sujet 3")
