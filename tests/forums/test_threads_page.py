"""The page of a thread: opening message, comment tree paginated on top-level comments,
placeholders for deleted and hidden comments, canonical URL, who may read it."""

import re

import pytest
from django.urls import reverse

from forums.models import Comment, Thread
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


def shown_ids(response):
    """Ids of the comments shown with their text, in page order."""
    ids = []
    stack = list(reversed(response.context["nodes"]))
    while stack:
        node = stack.pop()
        if node.comment is not None:
            ids.append(node.id)
        stack.extend(reversed(node.children))
    return ids


def placeholders(response):
    found = {}
    stack = list(response.context["nodes"])
    while stack:
        node = stack.pop()
        if node.placeholder:
            found[node.id] = node.placeholder
        stack.extend(node.children)
    return found


def test_the_page_shows_the_opening_message_and_the_comments(world, client):
    thread = enjeu_thread(
        world.enjeu, world.citizen, title="Des bus le dimanche", body="**Qui** vient ?"
    )
    first = comment(thread, old_account(), "Moi !")
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    assert "<h1" in response.text and "Des bus le dimanche" in response.text
    assert "<strong>Qui</strong> vient ?" in response.text
    assert f'id="c{first.pk}" data-comment="{first.pk}"' in response.text


def test_comments_come_oldest_first_with_their_replies_under_them(world, client):
    thread = enjeu_thread(world.enjeu, world.citizen)
    author = old_account()
    first = comment(thread, author, "Premier")
    second = comment(thread, author, "Second")
    reply = comment(thread, world.citizen, "Réponse", parent=first)
    deep = comment(thread, author, "Réponse à la réponse", parent=reply)
    response = client.get(thread.get_absolute_url())
    assert shown_ids(response) == [first.pk, reply.pk, deep.pk, second.pk]
    top = response.context["nodes"]
    assert [node.id for node in top] == [first.pk, second.pk]
    assert top[0].children[0].children[0].id == deep.pk


def test_comments_are_paginated_on_top_level_comments(world, client, settings):
    settings.FORUM_COMMENTS_PER_PAGE = 2
    thread = enjeu_thread(world.enjeu, world.citizen)
    author = old_account()
    roots = [comment(thread, author, f"Racine {n}") for n in range(5)]
    replies = [comment(thread, author, f"Réponse {n}", parent=roots[0]) for n in range(3)]
    first = client.get(thread.get_absolute_url())
    last = client.get(h.thread_url(thread, page=3))
    assert shown_ids(first) == [roots[0].pk, *[r.pk for r in replies], roots[1].pk]
    assert shown_ids(last) == [roots[4].pk]
    assert first.context["page_obj"].paginator.num_pages == 3


def test_a_wrong_slug_redirects_permanently_to_the_canonical_url(world, client):
    thread = enjeu_thread(world.enjeu, world.citizen)
    wrong = reverse(
        "forums:enjeu-thread",
        kwargs={"enjeu_slug": world.enjeu.slug, "thread_id": thread.pk, "slug": "ancien-titre"},
    )
    response = client.get(wrong + "?page=2")
    assert response.status_code == 301
    assert response.url == thread.get_absolute_url() + "?page=2"


def test_a_thread_reached_under_another_enjeu_redirects_to_its_own(world, client):
    thread = enjeu_thread(world.enjeu, world.citizen)
    wrong = reverse(
        "forums:enjeu-thread",
        kwargs={"enjeu_slug": world.other_enjeu.slug, "thread_id": thread.pk, "slug": thread.slug},
    )
    response = client.get(wrong)
    assert response.status_code == 301
    assert response.url == thread.get_absolute_url()


def test_an_initiative_thread_reached_by_a_wrong_url_redirects_to_its_own(world, client):
    thread = initiative_thread(world.initiative, world.member)
    wrong = reverse(
        "forums:enjeu-thread",
        kwargs={"enjeu_slug": world.enjeu.slug, "thread_id": thread.pk, "slug": "x"},
    )
    assert client.get(wrong).url == thread.get_absolute_url()


def test_an_unknown_thread_is_not_found(world, client):
    url = reverse(
        "forums:enjeu-thread",
        kwargs={"enjeu_slug": world.enjeu.slug, "thread_id": 999, "slug": "x"},
    )
    assert client.get(url).status_code == 404


def test_a_thread_of_an_unpublished_enjeu_is_not_found(world, client):
    thread = enjeu_thread(world.enjeu, world.citizen)
    world.enjeu.unpublish()
    assert client.get(thread.get_absolute_url()).status_code == 404


def test_a_members_only_thread_is_not_found_for_non_members_and_reveals_nothing(world, client):
    thread = initiative_thread(
        world.initiative, world.porteur, title="Budget secret", members_only=True
    )
    wrong = reverse(
        "forums:initiative-thread",
        kwargs={"pk": world.initiative.pk, "thread_id": thread.pk, "slug": "x"},
    )
    for viewer in (None, world.citizen):
        if viewer:
            client.force_login(viewer)
        assert client.get(thread.get_absolute_url()).status_code == 404
        assert client.get(wrong).status_code == 404  # no redirect naming its slug


def test_members_and_moderators_read_a_members_only_thread(world):
    thread = initiative_thread(world.initiative, world.porteur, members_only=True)
    for viewer in (world.member, world.porteur, moderator()):
        response = client_for(viewer).get(thread.get_absolute_url())
        assert response.status_code == 200
        assert '<meta name="robots" content="noindex">' in response.text


def test_a_deleted_comment_with_replies_shows_a_placeholder_and_its_replies(world, client):
    thread = enjeu_thread(world.enjeu, world.citizen)
    parent = comment(thread, old_account(), "Texte effacé")
    reply = comment(thread, world.citizen, "Réponse qui reste", parent=parent)
    h.delete(parent)
    response = client.get(thread.get_absolute_url())
    assert placeholders(response) == {parent.pk: "deleted"}
    assert shown_ids(response) == [reply.pk]
    assert f'data-comment="{parent.pk}" data-placeholder="deleted"' in response.text
    assert "Texte effacé" not in response.text
    assert "Réponse qui reste" in response.text


def test_a_deleted_comment_without_replies_is_left_out(world, client):
    thread = enjeu_thread(world.enjeu, world.citizen)
    gone = h.delete(comment(thread, old_account()))
    response = client.get(thread.get_absolute_url())
    assert response.context["nodes"] == []
    assert f'id="c{gone.pk}"' not in response.text


def test_a_deleted_reply_with_replies_keeps_its_place_in_the_tree(world, client):
    thread = enjeu_thread(world.enjeu, world.citizen)
    author = old_account()
    root = comment(thread, author)
    middle = comment(thread, author, parent=root)
    leaf = comment(thread, world.citizen, "Feuille", parent=middle)
    h.delete(root)
    h.delete(middle)
    response = client.get(thread.get_absolute_url())
    assert placeholders(response) == {root.pk: "deleted", middle.pk: "deleted"}
    assert shown_ids(response) == [leaf.pk]


def test_a_hidden_comment_with_replies_shows_the_moderation_placeholder_to_others(world, client):
    thread = enjeu_thread(world.enjeu, world.citizen)
    parent = h.hide(comment(thread, old_account(), "Propos blessant"))
    comment(thread, world.citizen, "Réponse", parent=parent)
    response = client.get(thread.get_absolute_url())
    assert placeholders(response) == {parent.pk: "hidden"}
    assert f'data-comment="{parent.pk}" data-placeholder="hidden"' in response.text
    assert "Propos blessant" not in response.text


def test_hidden_held_and_flagged_comments_without_replies_are_left_out_for_others(world, client):
    thread = enjeu_thread(world.enjeu, world.citizen)
    author = old_account()
    h.hide(comment(thread, author, "Caché"))
    h.hide(comment(thread, author, "Signalé"), status=Comment.Status.FLAGGED)
    comment(thread, factories_new_account(), "https://a.example https://b.example")
    response = client.get(thread.get_absolute_url())
    assert response.context["nodes"] == []
    assert response.context["reply_count"] == 0


def factories_new_account():
    return factories.UserFactory()


def test_the_author_sees_their_held_comment_with_its_state(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    held = comment(thread, world.member, "Voir https://a.example et https://b.example")
    assert held.status == Comment.Status.HELD
    response = client_for(world.member).get(thread.get_absolute_url())
    assert shown_ids(response) == [held.pk]
    assert 'data-comment-state="held"' in response.text


def test_the_author_sees_why_their_comment_was_hidden(world):
    author = old_account()
    thread = enjeu_thread(world.enjeu, world.citizen)
    hidden = h.hide(comment(thread, author, "Mon texte"), reason="Attaque personnelle.")
    response = client_for(author).get(thread.get_absolute_url())
    assert shown_ids(response) == [hidden.pk]
    assert 'data-comment-state="hidden"' in response.text
    assert "Attaque personnelle." in response.text
    assert (
        "Attaque personnelle." not in client_for(world.citizen).get(thread.get_absolute_url()).text
    )


def test_moderators_see_hidden_comments(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    hidden = h.hide(comment(thread, old_account(), "Texte masqué"))
    response = client_for(moderator()).get(thread.get_absolute_url())
    assert shown_ids(response) == [hidden.pk]
    assert response.context["moderates"]


def test_a_hidden_reply_stays_hidden_when_its_parent_is_edited(world, client):
    """django-comments-xtd copies is_public down to replies on save: hiding uses our status."""
    author = old_account()
    thread = enjeu_thread(world.enjeu, world.citizen)
    parent = comment(thread, author, "Parent")
    hidden = h.hide(comment(thread, world.citizen, "Réponse masquée", parent=parent))
    client_for(author).post(
        reverse("forums:comment-edit", args=[parent.pk]), {"comment": "Parent modifié"}
    )
    response = client.get(thread.get_absolute_url())
    assert shown_ids(response) == [parent.pk]
    assert Comment.objects.get(pk=hidden.pk).status == Comment.Status.HIDDEN
    assert "Réponse masquée" not in response.text


def test_replies_stay_shown_when_their_deleted_parent_is_saved_again(world, client):
    thread = enjeu_thread(world.enjeu, world.citizen)
    parent = comment(thread, old_account())
    reply = comment(thread, world.citizen, "Toujours là", parent=parent)
    h.delete(parent)
    Comment.objects.get(pk=parent.pk).save()  # xtd's pre_save cascade runs
    assert shown_ids(client.get(thread.get_absolute_url())) == [reply.pk]


def test_an_edited_comment_says_so(world, client):
    author = old_account()
    thread = enjeu_thread(world.enjeu, world.citizen)
    edited = comment(thread, author)
    client_for(author).post(reverse("forums:comment-edit", args=[edited.pk]), {"comment": "Neuf"})
    response = client.get(thread.get_absolute_url())
    assert "data-edited" in response.text


def test_xss_in_titles_messages_and_formatting_is_rendered_harmless(world, client):
    thread = enjeu_thread(
        world.enjeu,
        world.citizen,
        title='"><script>alert(1)</script>',
        body="<img src=x onerror=alert(1)> [x](javascript:alert(1))",
    )
    comment(
        thread,
        old_account(),
        "<script>alert(2)</script> ![i](https://e.example/i.png)"
        ' <a href="javascript:alert(3)">a</a> [y](javascript:alert(4)) [z](data:text/html,hi)',
    )
    text = client.get(thread.get_absolute_url()).text
    assert "<script>alert" not in text
    assert "<img src=x" not in text
    main = text.split("<main", 1)[1]
    assert not re.search(r"<a[^>]*href=\"(javascript|data):", main)
    assert "<img" not in main
    assert "<script>alert" not in main


def test_likes_are_counted_and_the_viewer_s_own_like_is_pressed(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    liked = comment(thread, old_account())
    h.like(liked, world.citizen)
    h.like(liked, world.member)
    response = client_for(world.citizen).get(thread.get_absolute_url())
    node = response.context["nodes"][0]
    assert (node.like_count, node.liked) == (2, True)
    assert 'aria-pressed="true"' in response.text
    assert 'data-like-count="2"' in response.text


def test_a_closed_thread_shows_no_form(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    Thread.objects.filter(pk=thread.pk).update(closed=True)
    response = client_for(world.citizen).get(thread.get_absolute_url())
    assert response.context["comment_form"] is None
    assert "data-thread-closed" in response.text
    assert "data-comment-form" not in response.text


def test_visitors_are_invited_to_log_in_to_take_part(world, client):
    thread = enjeu_thread(world.enjeu, world.citizen)
    comment(thread, old_account())
    response = client.get(thread.get_absolute_url())
    assert "data-comment-form" not in response.text
    assert "data-login-link" in response.text
    assert "data-reply=" not in response.text
    assert "data-like=" not in response.text


def test_signed_in_readers_get_the_form_the_reply_links_and_the_follow_button(world):
    thread = enjeu_thread(world.enjeu, world.member)
    first = comment(thread, old_account())
    response = client_for(world.citizen).get(thread.get_absolute_url())
    assert "form" in response.text and "data-comment-form" in response.text
    assert f'data-reply="{first.pk}"' in response.text
    assert "data-follow" in response.text
    assert f'data-like="{first.pk}"' in response.text
    assert "htmx" in response.text


def test_no_reply_link_under_a_comment_at_the_deepest_level(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    author = old_account()
    level0 = comment(thread, author)
    level1 = comment(thread, author, parent=level0)
    level2 = comment(thread, author, parent=level1)
    text = client_for(world.citizen).get(thread.get_absolute_url()).text
    assert f'data-reply="{level1.pk}"' in text
    assert f'data-reply="{level2.pk}"' not in text


def test_the_thread_page_refuses_post(world, client):
    thread = enjeu_thread(world.enjeu, world.citizen)
    assert client.post(thread.get_absolute_url()).status_code == 405
