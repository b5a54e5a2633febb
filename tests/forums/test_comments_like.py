"""Liking a comment: django-contrib-comments' flag with xtd's "I liked it", once per person,
a toggle that says what it wants, and the count on the page."""

import pytest
from django.urls import reverse
from django_comments.models import CommentFlag
from django_comments_xtd.models import LIKEDIT_FLAG

from forums.models import Thread

from . import threads_helpers as h
from .core_helpers import (
    client_for,
    comment,
    enjeu_thread,
    old_account,
)
from .core_helpers import world as make_world

pytestmark = pytest.mark.django_db


def react_url(target):
    return reverse("forums:comment-react", args=[target.pk])


def likes(target):
    return CommentFlag.objects.filter(comment_id=target.pk, flag=LIKEDIT_FLAG)


def likers(target):
    return list(likes(target).values_list("user", flat=True))


def build_world():
    """The forums world, a thread started by its member and a comment to like."""
    w = make_world()
    w.thread = enjeu_thread(w.enjeu, w.member)
    w.target = comment(w.thread, old_account())
    return w


@pytest.fixture
def w(world):
    return world


@pytest.fixture
def thread(w):
    return w.thread


@pytest.fixture
def target(w):
    return w.target


def test_a_like_is_stored_once_per_person(w, target, thread):
    client = client_for(w.citizen)
    response = client.post(react_url(target), {"like": "1"})
    client.post(react_url(target), {"like": "1"})
    assert response.status_code == 302
    assert response.url == f"{thread.get_absolute_url()}#c{target.pk}"
    assert list(likes(target).values_list("user", flat=True)) == [w.citizen.pk]


def test_unliking_removes_one_s_own_like_only(w, target):
    h.like(target, w.member)
    client = client_for(w.citizen)
    client.post(react_url(target), {"like": "1"})
    client.post(react_url(target), {"like": "0"})
    assert list(likes(target).values_list("user", flat=True)) == [w.member.pk]


def test_the_page_shows_the_count_and_the_pressed_state(w, target, thread):
    client_for(w.citizen).post(react_url(target), {"like": "1"})
    h.like(target, w.member)
    text = client_for(w.citizen).get(thread.get_absolute_url()).text
    assert 'data-like-count="2"' in text
    assert f'aria-pressed="true" data-like="{target.pk}"' in text


def test_with_htmx_the_button_comes_back_with_the_new_count(w, target):
    response = client_for(w.citizen).post(
        react_url(target), {"like": "1"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<div class="like" id="like-{target.pk}">')
    assert 'aria-pressed="true"' in response.text
    assert 'data-like-count="1"' in response.text
    assert 'name="like" value="0"' in response.text
    assert likers(target) == [w.citizen.pk]


def test_liking_refuses_get(w, target):
    assert client_for(w.citizen).get(react_url(target)).status_code == 405
    assert not likes(target).exists()


def test_visitors_are_sent_to_the_login_page(client, target):
    assert reverse("account_login") in client.post(react_url(target), {"like": "1"}).url
    assert not likes(target).exists()


def test_a_hidden_comment_cannot_be_liked(w, target):
    h.hide(target)
    assert client_for(w.citizen).post(react_url(target), {"like": "1"}).status_code == 404
    assert not likes(target).exists()


def test_a_deleted_comment_cannot_be_liked(w, target):
    h.delete(target)
    assert client_for(w.citizen).post(react_url(target), {"like": "1"}).status_code == 404
    assert not likes(target).exists()


def test_likes_still_work_in_a_closed_thread(w, target, thread):
    Thread.objects.filter(pk=thread.pk).update(closed=True)
    assert client_for(w.citizen).post(react_url(target), {"like": "1"}).status_code == 302
    assert likers(target) == [w.citizen.pk]
