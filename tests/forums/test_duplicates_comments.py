"""A comment, a reply or a new thread sent twice (a double click, a form sent again after a
slow answer) is stored once: the second post lands on the first one, « Déjà envoyé », and
costs no allowance."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forums.models import Comment, Thread

from . import threads_helpers as h
from .core_helpers import client_for, comment, enjeu_thread, old_account
from .core_helpers import world as make_world

pytestmark = pytest.mark.django_db

TEXT = "Je peux prendre deux personnes le samedi matin."


def build_world():
    w = make_world()
    w.thread = enjeu_thread(w.enjeu, w.member)
    w.author = old_account()
    return w


@pytest.fixture
def thread(world):
    return world.thread


@pytest.fixture
def client(world):
    return client_for(world.author)


def comments_of(world):
    return list(Comment.objects.filter(user=world.author).values_list("comment", "level"))


def test_the_same_comment_posted_twice_is_stored_once(world, thread, client):
    first = h.post(client, thread, TEXT)
    second = h.post(client, thread, TEXT)

    assert comments_of(world) == [(TEXT, 0)]
    assert first.status_code == second.status_code == 302
    assert second.url == first.url


def test_the_second_post_says_it_was_already_sent(world, thread, client):
    h.post(client, thread, TEXT)
    response = h.post(client, thread, " " + TEXT.upper(), follow=True)
    assert response.status_code == 200
    assert "Déjà envoyé" in response.text
    assert comments_of(world) == [(TEXT, 0)]


def test_htmx_reloads_on_the_first_comment_instead_of_adding_it_again(world, thread, client):
    first = h.post(client, thread, TEXT, htmx=True)
    second = h.post(client, thread, TEXT, htmx=True)
    assert first.status_code == second.status_code == 200
    posted = Comment.objects.get(user=world.author)
    assert second["HX-Redirect"].endswith(f"#c{posted.pk}")
    assert comments_of(world) == [(TEXT, 0)]


def test_the_same_reply_posted_twice_is_stored_once(world, thread, client):
    parent = comment(thread, world.member, "Qui vient samedi ?")
    h.post(client, thread, TEXT, reply_to=parent.pk)
    h.post(client, thread, TEXT, reply_to=parent.pk)
    assert comments_of(world) == [(TEXT, 1)]


def test_the_same_text_elsewhere_is_another_comment(world, thread, client):
    parent = comment(thread, world.member, "Qui vient samedi ?")
    h.post(client, thread, TEXT)
    h.post(client, thread, TEXT, reply_to=parent.pk)
    other = enjeu_thread(world.enjeu, world.member, title="Autre sujet")
    h.post(client, other, TEXT)
    assert sorted(comments_of(world)) == [(TEXT, 0), (TEXT, 0), (TEXT, 1)]


def test_the_same_text_after_the_window_is_a_new_comment(world, thread, client):
    h.post(client, thread, TEXT)
    Comment.objects.update(submit_date=timezone.now() - timedelta(seconds=121))
    h.post(client, thread, TEXT)
    assert comments_of(world) == [(TEXT, 0), (TEXT, 0)]


def test_a_deleted_comment_can_be_posted_again(world, thread, client):
    h.post(client, thread, TEXT)
    h.delete(Comment.objects.get(user=world.author))
    h.post(client, thread, TEXT)
    assert Comment.objects.filter(user=world.author, deleted_at__isnull=True).count() == 1


def test_a_duplicate_costs_no_allowance(world, thread, client, settings):
    settings.COMMENTS_RATE_LIMIT = (2, 300)
    h.post(client, thread, TEXT)
    h.post(client, thread, TEXT)
    assert h.post(client, thread, "Autre chose.").status_code == 302
    assert len(comments_of(world)) == 2


def new_thread(client, world, **overrides):
    data = {"title": "Covoiturage vers Belfort", "body": TEXT, "territory": "", "honeypot": ""}
    data.update(overrides)
    return client.post(reverse("forums:enjeu-new-thread", args=[world.enjeu.slug]), data)


def test_the_same_thread_opened_twice_is_stored_once(world, client):
    first = new_thread(client, world)
    second = new_thread(client, world)
    thread = Thread.objects.get(author=world.author)
    assert first.status_code == second.status_code == 302
    assert second.url == first.url == thread.get_absolute_url()
    assert "Déjà envoyé" in client.get(second.url).text


def test_another_title_or_body_is_another_thread(world, client):
    new_thread(client, world)
    new_thread(client, world, title="Covoiturage vers Montbéliard")
    new_thread(client, world, body="Et le dimanche ?")
    assert Thread.objects.filter(author=world.author).count() == 3
