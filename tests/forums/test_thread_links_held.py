"""A new account's thread whose opening message holds several links waits for a moderator, as a
comment with the same text does (it was published at once): only its author and the
moderators see it, nobody answers it, no list, feed or search shows it, until a moderator
publishes it (a porteur cannot)."""

import pytest
from django.test import Client
from django.urls import reverse

from forums import posting
from forums.models import Comment, Thread
from forums.owners import forum_url
from forums.visibility import public_threads

from .core_helpers import client_for, moderator, old_account
from .core_helpers import world as make_world

pytestmark = pytest.mark.django_db

LINKS = " ".join(f"https://boutique{n}.example/promo" for n in range(5))
BODY = f"Des offres à ne pas manquer : {LINKS}"


def build_world():
    return make_world()


def enjeu_new(enjeu):
    return reverse("forums:enjeu-new-thread", args=[enjeu.slug])


def initiative_new(initiative):
    return reverse("forums:initiative-new-thread", args=[initiative.pk])


def data(body=BODY, **overrides):
    return {"title": "Bonnes affaires", "body": body, "territory": "", "honeypot": "", **overrides}


def start(client, url, **overrides):
    return client.post(url, data(**overrides), follow=True)


def settings_url(thread):
    return reverse("forums:thread-settings", args=[thread.pk])


def comment_url(thread):
    return reverse("forums:comment-post", args=[thread.pk])


def test_a_comment_with_the_same_text_is_held(world):
    """The rule the thread openings now follow."""
    thread = posting.start_thread(
        author=old_account(), title="Un sujet", body="Bonjour", page=world.enjeu
    )
    held = posting.post_comment(thread=thread, author=world.citizen, text=BODY)
    assert held.status == Comment.Status.HELD


def test_a_new_accounts_thread_with_five_links_waits_for_a_moderator(world):
    response = start(client_for(world.citizen), enjeu_new(world.enjeu))

    thread = Thread.objects.get()
    assert thread.held
    assert (thread.author, thread.body) == (world.citizen, BODY)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == thread.get_absolute_url()
    assert any(m.level_tag == "info" for m in response.context["messages"])
    assert "data-thread-held-notice" in response.text
    assert "En attente de modération" in response.text


def test_an_old_accounts_thread_with_links_is_published(world):
    start(client_for(old_account()), enjeu_new(world.enjeu))

    assert not Thread.objects.get().held


def test_a_new_accounts_thread_with_one_link_is_published(world):
    start(client_for(world.citizen), enjeu_new(world.enjeu), body="Voir https://a.example")

    assert not Thread.objects.get().held


def test_nobody_else_reads_a_held_thread(world):
    start(client_for(world.citizen), enjeu_new(world.enjeu))
    thread = Thread.objects.get()

    assert Client().get(thread.get_absolute_url()).status_code == 404
    assert client_for(old_account()).get(thread.get_absolute_url()).status_code == 404
    assert client_for(world.porteur).get(thread.get_absolute_url()).status_code == 404


def test_nobody_else_answers_a_held_thread(world):
    start(client_for(world.citizen), enjeu_new(world.enjeu))
    thread = Thread.objects.get()

    response = client_for(old_account()).post(comment_url(thread), {"comment": "Merci !"})

    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_no_list_feed_or_search_shows_a_held_thread(world):
    start(client_for(world.citizen), enjeu_new(world.enjeu))
    thread = Thread.objects.get()

    assert thread not in public_threads()
    listing = Client().get(forum_url(world.enjeu)).content.decode()
    assert "Bonnes affaires" not in listing
    assert "Bonnes affaires" not in client_for(old_account()).get(forum_url(world.enjeu)).text
    assert "Bonnes affaires" in client_for(world.citizen).get(forum_url(world.enjeu)).text
    assert "Bonnes affaires" in client_for(moderator()).get(forum_url(world.enjeu)).text


def test_an_initiatives_members_do_not_see_a_held_thread_of_a_new_member(world):
    """The members' lists skip ``readable_threads`` (members read every thread): the hold
    still applies there."""
    start(client_for(world.member), initiative_new(world.initiative))
    thread = Thread.objects.get()
    assert thread.held

    listing = client_for(world.porteur).get(forum_url(world.initiative)).text
    page = client_for(world.porteur).get(world.initiative.url).text

    assert "Bonnes affaires" not in listing
    assert "Bonnes affaires" not in page
    assert "Bonnes affaires" in client_for(world.member).get(forum_url(world.initiative)).text


def test_a_moderator_publishes_a_held_thread(world):
    start(client_for(world.citizen), enjeu_new(world.enjeu))
    thread = Thread.objects.get()
    mod = moderator()
    assert 'data-thread-action="publish"' in client_for(mod).get(thread.get_absolute_url()).text

    response = client_for(mod).post(settings_url(thread), {"action": "publish"})

    assert response.status_code == 302
    assert not Thread.objects.get().held
    assert Client().get(thread.get_absolute_url()).status_code == 200
    assert thread in public_threads()


def test_a_porteur_cannot_publish_a_held_thread_of_their_initiative(world):
    start(client_for(world.member), initiative_new(world.initiative))
    thread = Thread.objects.get()

    page = client_for(world.porteur).get(thread.get_absolute_url())
    response = client_for(world.porteur).post(settings_url(thread), {"action": "publish"})

    assert page.status_code == 404
    assert response.status_code == 404
    assert Thread.objects.get().held


def test_the_moderators_queue_lists_a_held_thread_and_publishes_it(world):
    start(client_for(world.citizen), enjeu_new(world.enjeu))
    thread = Thread.objects.get()
    queue_url = reverse("forums_moderation_queue")
    client = client_for(moderator())

    content = client.get(queue_url).content.decode()
    response = client.post(settings_url(thread), {"action": "publish", "next": queue_url})

    assert f'data-held-thread="{thread.pk}"' in content
    assert "boutique4.example" in content
    assert response.status_code == 302
    assert response["Location"] == queue_url
    assert not Thread.objects.get().held
    assert "data-held-thread" not in client.get(queue_url).content.decode()
