"""The reply form: a page of its own without JavaScript, the form alone under the comment with
htmx; three levels at most."""

import pytest
from django.urls import reverse

from forums.models import Comment, Thread

from . import threads_helpers as h
from .core_helpers import (
    client_for,
    comment,
    enjeu_thread,
    initiative_thread,
    old_account,
)
from .core_helpers import world as make_world

pytestmark = pytest.mark.django_db


def reply_url(parent):
    return reverse("forums:comment-reply", args=[parent.pk])


def build_world():
    """The forums world, a thread started by its member and a comment to answer."""
    w = make_world()
    w.thread = enjeu_thread(w.enjeu, w.member)
    w.parent = comment(w.thread, old_account(), "Qui a une voiture ?")
    return w


@pytest.fixture
def w(world):
    return world


@pytest.fixture
def thread(w):
    return w.thread


@pytest.fixture
def parent(w):
    return w.parent


def test_without_javascript_the_reply_form_is_a_page_quoting_the_comment(w, parent):
    response = client_for(w.citizen).get(reply_url(parent))
    assert response.status_code == 200
    assert "Qui a une voiture ?" in response.text
    assert f'name="reply_to" value="{parent.pk}"' in response.text
    assert "data-comment-form" in response.text
    assert "<h1>" in response.text


def test_a_reply_sent_from_the_reply_page_lands_in_the_thread(w, thread, parent):
    response = h.post(client_for(w.citizen), thread, "J'en ai une", reply_to=parent.pk)
    assert response.status_code == 302
    assert response.url.startswith(thread.get_absolute_url())
    reply = Comment.objects.get(pk__gt=parent.pk)
    assert (reply.user, reply.comment, reply.forum_thread, reply.level, reply.parent_id) == (
        w.citizen,
        "J'en ai une",
        thread,
        1,
        parent.pk,
    )
    assert response.url.endswith(f"#c{reply.pk}")


def test_a_refused_reply_comes_back_on_the_reply_page_with_its_text(w, thread, parent, settings):
    settings.COMMENT_MAX_LENGTH = 10
    response = h.post(client_for(w.citizen), thread, "Bien trop long", reply_to=parent.pk)
    assert response.status_code == 400
    assert "Bien trop long" in response.text
    assert response.templates[0].name == "forums/reply.html"


def test_with_htmx_the_form_alone_comes_under_the_comment(w, parent):
    response = client_for(w.citizen).get(reply_url(parent), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.text.lstrip().startswith(
        f'<div class="comment-form comment-form--reply" id="reply-form-{parent.pk}"'
    )
    assert "<html" not in response.text
    assert f'hx-target="#replies-{parent.pk}"' in response.text
    assert "autofocus" in response.text


def test_reply_forms_have_ids_of_their_own(w, parent):
    response = client_for(w.citizen).get(reply_url(parent), headers={"HX-Request": "true"})
    assert f'id="reply-form-{parent.pk}-comment"' in response.text
    assert 'id="id_comment"' not in response.text


def test_a_comment_at_the_deepest_level_cannot_be_answered(w, thread, parent):
    level1 = comment(thread, w.citizen, parent=parent)
    level2 = comment(thread, w.citizen, parent=level1)
    response = client_for(w.citizen).get(reply_url(level2))
    assert response.status_code == 302
    assert response.url.endswith(f"#c{level2.pk}")


def test_visitors_are_sent_to_the_login_page(client, parent):
    response = client.get(reply_url(parent))
    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_no_reply_form_in_a_closed_thread(w, thread, parent):
    Thread.objects.filter(pk=thread.pk).update(closed=True)
    assert client_for(w.citizen).get(reply_url(parent)).status_code == 403


def test_no_reply_form_for_a_hidden_comment(w, parent):
    h.hide(parent)
    assert client_for(w.citizen).get(reply_url(parent)).status_code == 404


def test_no_reply_form_in_a_members_only_thread_for_non_members(w):
    thread = initiative_thread(w.initiative, w.porteur, members_only=True)
    parent = comment(thread, w.porteur)
    assert client_for(w.citizen).get(reply_url(parent)).status_code == 404
    assert client_for(w.member).get(reply_url(parent)).status_code == 200


def test_the_reply_form_refuses_post(w, parent):
    assert client_for(w.citizen).post(reply_url(parent)).status_code == 405
