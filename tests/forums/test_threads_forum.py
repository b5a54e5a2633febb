"""The forum index of an enjeu and of an initiative: threads pinned first then by last
activity, published replies counted, pagination, and what members-only threads hide."""

import pytest
from django.urls import reverse

from forums.models import Thread
from tests import factories

from . import threads_helpers as h
from .core_helpers import (
    client_for,
    comment,
    enjeu_thread,
    initiative_thread,
    moderator,
    old_account,
)
from .core_helpers import (
    world as make_world,
)

pytestmark = pytest.mark.django_db


def build_world():
    return make_world()


def enjeu_forum(enjeu):
    return reverse("forums:enjeu-forum", args=[enjeu.slug])


def initiative_forum(initiative):
    return reverse("forums:initiative-forum", args=[initiative.pk])


def listed_titles(response):
    return [thread.title for thread in response.context["threads"]]


def test_threads_are_listed_pinned_first_then_by_last_activity(world, client):
    first = enjeu_thread(world.enjeu, world.citizen, title="Première")
    second = enjeu_thread(world.enjeu, world.citizen, title="Deuxième")
    pinned = enjeu_thread(world.enjeu, world.citizen, title="Épinglée")
    Thread.objects.filter(pk=pinned.pk).update(pinned=True)
    comment(first, old_account())  # the oldest thread becomes the most active
    response = client.get(enjeu_forum(world.enjeu))
    assert listed_titles(response) == ["Épinglée", "Première", "Deuxième"]
    assert second.title in response.text


def test_each_thread_shows_its_number_of_published_replies(world, client):
    thread = enjeu_thread(world.enjeu, world.citizen)
    author = old_account()
    comment(thread, author)
    comment(thread, author)
    h.hide(comment(thread, author))
    h.delete(comment(thread, author))
    comment(thread, world.citizen, "https://a.example https://b.example")  # held: new account
    response = client.get(enjeu_forum(world.enjeu))
    assert response.context["threads"][0].reply_count == 2
    assert 'data-reply-count="2"' in response.text


def test_threads_of_other_forums_are_not_listed(world, client):
    enjeu_thread(world.enjeu, world.citizen, title="Ici")
    enjeu_thread(world.other_enjeu, world.citizen, title="Ailleurs")
    initiative_thread(world.initiative, world.member, title="Dans l'initiative")
    assert listed_titles(client.get(enjeu_forum(world.enjeu))) == ["Ici"]


def test_the_forum_is_paginated(world, client, settings):
    settings.FORUM_THREADS_PER_PAGE = 2
    for n in range(5):
        enjeu_thread(world.enjeu, world.citizen, title=f"Sujet {n}")
    first = client.get(enjeu_forum(world.enjeu))
    last = client.get(enjeu_forum(world.enjeu) + "?page=3")
    assert listed_titles(first) == ["Sujet 4", "Sujet 3"]
    assert listed_titles(last) == ["Sujet 0"]
    assert first.context["page_obj"].paginator.count == 5
    assert 'rel="next"' in first.text


def test_a_page_number_out_of_range_shows_the_last_page(world, client, settings):
    settings.FORUM_THREADS_PER_PAGE = 2
    for n in range(3):
        enjeu_thread(world.enjeu, world.citizen, title=f"Sujet {n}")
    assert listed_titles(client.get(enjeu_forum(world.enjeu) + "?page=99")) == ["Sujet 0"]
    assert client.get(enjeu_forum(world.enjeu) + "?page=abc").status_code == 200


def test_the_forum_of_an_unpublished_enjeu_is_not_found(world, client):
    enjeu_thread(world.enjeu, world.citizen)
    world.enjeu.unpublish()
    assert client.get(enjeu_forum(world.enjeu)).status_code == 404
    assert client.get("/enjeux/pas-un-enjeu/discussions/").status_code == 404


def test_an_unknown_initiative_forum_is_not_found(client):
    assert client.get("/initiatives/987654/discussions/").status_code == 404


def test_members_only_threads_are_neither_listed_nor_counted_for_non_members(world, client):
    initiative_thread(world.initiative, world.member, title="Ouvert à tous")
    initiative_thread(world.initiative, world.porteur, title="Entre membres", members_only=True)
    for viewer in (None, world.citizen):
        if viewer:
            client.force_login(viewer)
        response = client.get(initiative_forum(world.initiative))
        assert listed_titles(response) == ["Ouvert à tous"]
        assert response.context["page_obj"].paginator.count == 1
        assert "Entre membres" not in response.text


def test_members_and_moderators_see_members_only_threads(world, client):
    initiative_thread(world.initiative, world.member, title="Ouvert à tous")
    initiative_thread(world.initiative, world.porteur, title="Entre membres", members_only=True)
    for viewer in (world.member, moderator()):
        response = client_for(viewer).get(initiative_forum(world.initiative))
        assert sorted(listed_titles(response)) == ["Entre membres", "Ouvert à tous"]
        assert "data-members-only" in response.text


def test_the_forum_of_an_unpublished_initiative_is_for_its_members_only(world, client):
    initiative_thread(world.initiative, world.member, title="Préparation")
    world.initiative.unpublish()
    assert client.get(initiative_forum(world.initiative)).status_code == 404
    assert client_for(world.citizen).get(initiative_forum(world.initiative)).status_code == 404
    response = client_for(world.member).get(initiative_forum(world.initiative))
    assert listed_titles(response) == ["Préparation"]


def test_visitors_are_invited_to_log_in_to_start_a_discussion(world, client):
    response = client.get(enjeu_forum(world.enjeu))
    assert "data-login-link" in response.text
    assert "data-new-thread" not in response.text


def test_signed_in_citizens_may_start_a_discussion_in_an_enjeu_forum(world):
    response = client_for(world.citizen).get(enjeu_forum(world.enjeu))
    assert reverse("forums:enjeu-new-thread", args=[world.enjeu.slug]) in response.text
    assert "data-new-thread" in response.text


def test_only_members_are_offered_to_start_a_discussion_in_an_initiative_forum(world):
    assert (
        "data-new-thread"
        not in client_for(world.citizen).get(initiative_forum(world.initiative)).text
    )
    assert (
        "data-new-thread" in client_for(world.member).get(initiative_forum(world.initiative)).text
    )


def test_thread_titles_are_escaped_in_the_list(world, client):
    enjeu_thread(
        world.enjeu, world.citizen, title='<script>alert("x")</script><img src=x onerror=y>'
    )
    response = client.get(enjeu_forum(world.enjeu))
    assert "<script>alert" not in response.text
    assert "<img src=x" not in response.text
    assert "&lt;script&gt;" in response.text


def test_the_list_carries_the_hooks_of_the_browser_tests(world, client):
    thread = enjeu_thread(world.enjeu, world.citizen)
    response = client.get(enjeu_forum(world.enjeu))
    assert "data-thread-list" in response.text
    assert f'href="{thread.get_absolute_url()}" data-thread-link' in response.text


def test_the_forum_refuses_post(world):
    assert client_for(factories.UserFactory()).post(enjeu_forum(world.enjeu)).status_code == 405
