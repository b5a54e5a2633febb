"""Editing and deleting one's own comment: "edited" shown, replies kept under "message
deleted", nobody else's comment, and what the moderation decided stays."""

import pytest
from django.urls import reverse

from forums.models import Comment, Thread

from . import threads_helpers as h
from .core_helpers import (
    client_for,
    comment,
    enjeu_thread,
    moderator,
    old_account,
)
from .core_helpers import world as make_world

pytestmark = pytest.mark.django_db


def edit_url(target):
    return reverse("forums:comment-edit", args=[target.pk])


def delete_url(target):
    return reverse("forums:comment-delete", args=[target.pk])


def build_world():
    """The forums world, a thread started by its member and a comment of an old account."""
    w = make_world()
    w.author = old_account()
    w.thread = enjeu_thread(w.enjeu, w.member)
    w.mine = comment(w.thread, w.author, "Premier jet")
    return w


@pytest.fixture
def w(world):
    return world


@pytest.fixture
def author(w):
    return w.author


@pytest.fixture
def thread(w):
    return w.thread


@pytest.fixture
def mine(w):
    return w.mine


def test_the_edit_page_holds_the_current_text(author, mine):
    response = client_for(author).get(edit_url(mine))
    assert response.status_code == 200
    assert "Premier jet" in response.text


def test_an_edit_changes_the_text_and_marks_the_comment_edited(author, mine, thread):
    response = client_for(author).post(edit_url(mine), {"comment": "**Version** corrigée"})
    edited = Comment.objects.get(pk=mine.pk)
    assert response.status_code == 302
    assert response.url == f"{thread.get_absolute_url()}#c{mine.pk}"
    assert edited.comment == "**Version** corrigée"
    assert edited.body_html == "<p><strong>Version</strong> corrigée</p>"
    assert edited.edited_at is not None


def test_an_edit_over_the_length_limit_is_refused_with_the_text_kept(author, mine, settings):
    settings.COMMENT_MAX_LENGTH = 10
    response = client_for(author).post(edit_url(mine), {"comment": "Beaucoup trop long"})
    assert response.status_code == 400
    assert "Beaucoup trop long" in response.text
    assert Comment.objects.get(pk=mine.pk).comment == "Premier jet"


def test_an_empty_edit_is_refused(author, mine):
    assert client_for(author).post(edit_url(mine), {"comment": " "}).status_code == 400
    unchanged = Comment.objects.get(pk=mine.pk)
    assert (unchanged.comment, unchanged.edited_at) == ("Premier jet", None)


def test_nobody_else_may_edit_or_delete_a_comment(w, mine):
    for other in (w.citizen, moderator()):
        client = client_for(other)
        assert client.get(edit_url(mine)).status_code == 403
        assert client.post(edit_url(mine), {"comment": "Piraté"}).status_code == 403
        assert client.post(delete_url(mine)).status_code == 403
    unchanged = Comment.objects.get(pk=mine.pk)
    assert (unchanged.comment, unchanged.deleted_at) == ("Premier jet", None)


def test_visitors_are_sent_to_the_login_page(client, mine):
    assert reverse("account_login") in client.get(edit_url(mine)).url
    assert reverse("account_login") in client.post(delete_url(mine)).url


def test_a_comment_hidden_by_the_moderation_cannot_be_edited(author, mine):
    h.hide(mine)
    assert client_for(author).post(edit_url(mine), {"comment": "Contourné"}).status_code == 403
    assert Comment.objects.get(pk=mine.pk).status == Comment.Status.HIDDEN


def test_no_edit_in_a_closed_thread(author, mine, thread):
    Thread.objects.filter(pk=thread.pk).update(closed=True)
    assert client_for(author).post(edit_url(mine), {"comment": "Après"}).status_code == 403
    unchanged = Comment.objects.get(pk=mine.pk)
    assert (unchanged.comment, unchanged.edited_at) == ("Premier jet", None)


def test_a_new_account_adding_links_in_an_edit_waits_for_a_moderator(w, thread):
    mine = comment(thread, w.citizen, "Sans lien")
    client_for(w.citizen).post(edit_url(mine), {"comment": "https://a.example https://b.example"})
    assert Comment.objects.get(pk=mine.pk).status == Comment.Status.HELD


def test_the_delete_page_asks_first(author, mine):
    response = client_for(author).get(delete_url(mine))
    assert response.status_code == 200
    assert "data-delete-form" in response.text
    assert Comment.objects.get(pk=mine.pk).deleted_at is None


def test_deleting_keeps_the_replies_under_a_placeholder(author, mine, thread, w):
    reply = comment(thread, w.citizen, "Réponse gardée", parent=mine)
    response = client_for(author).post(delete_url(mine))
    assert response.status_code == 302
    assert Comment.objects.get(pk=mine.pk).deleted_at is not None
    page = client_for(w.citizen).get(thread.get_absolute_url())
    assert f'data-comment="{mine.pk}" data-placeholder="deleted"' in page.text
    assert "Premier jet" not in page.text
    assert "Réponse gardée" in page.text
    assert Comment.objects.get(pk=reply.pk).deleted_at is None


def test_a_deleted_comment_cannot_be_deleted_or_edited_again(author, mine):
    client = client_for(author)
    client.post(delete_url(mine))
    assert client.post(delete_url(mine)).status_code == 404
    assert client.get(edit_url(mine)).status_code == 404


def test_edit_and_delete_links_show_on_one_s_own_comments_only(author, mine, thread, w):
    theirs = comment(thread, w.citizen)
    text = client_for(author).get(thread.get_absolute_url()).text
    assert f'data-edit="{mine.pk}"' in text and f'data-delete="{mine.pk}"' in text
    assert f'data-edit="{theirs.pk}"' not in text and f'data-delete="{theirs.pk}"' not in text
