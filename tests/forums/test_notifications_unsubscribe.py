"""The unsubscribe link of every e-mail: works signed out, GET asks, POST (or a mail client's
one-click POST) stops the follows; a bad token answers a 400 page."""

import json

import pytest
from django.core import signing
from django.test import Client

from forums.models import DigestEntry, ThreadFollow

from .core_helpers import comment, enjeu_thread, old_account
from .core_helpers import world as make_world
from .notifications_helpers import follower, last_email_to, unsubscribe_path

pytestmark = pytest.mark.django_db


def build_world():
    return make_world()


def follows(thread, user):
    return ThreadFollow.objects.filter(thread=thread, user=user).exists()


def test_opening_the_link_only_asks_for_confirmation(world, client):
    thread = enjeu_thread(world.enjeu, world.citizen, title="Des bus le dimanche")
    response = client.get(unsubscribe_path(world.citizen, [thread.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Des bus le dimanche" in html
    assert "data-unsubscribe-confirm" in html and 'method="post"' in html
    assert follows(thread, world.citizen)


def test_the_confirmation_page_never_shows_the_email_address(world, client):
    thread = enjeu_thread(world.enjeu, world.citizen)
    html = client.get(unsubscribe_path(world.citizen, [thread.pk])).content.decode()
    assert world.citizen.email not in html


def test_confirming_stops_following_while_signed_out(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    client = Client(enforce_csrf_checks=True)
    path = unsubscribe_path(world.citizen, [thread.pk])
    client.get(path)  # the page sets the CSRF cookie that its form sends back
    response = client.post(path, {"csrfmiddlewaretoken": client.cookies["csrftoken"].value})
    assert response.status_code == 200
    assert b"data-unsubscribed" in response.content
    assert not follows(thread, world.citizen)


def test_one_click_unsubscribe_from_a_mail_client_works_without_a_cookie(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    comment(thread, old_account())
    header = last_email_to(world.citizen).headers["List-Unsubscribe"]
    url = header.strip("<>").removeprefix("http://testserver")
    response = Client(enforce_csrf_checks=True).post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not follows(thread, world.citizen)


def test_unsubscribing_leaves_the_other_followers_and_threads_alone(world, client):
    thread = enjeu_thread(world.enjeu, world.citizen)
    other_thread = enjeu_thread(world.other_enjeu, world.citizen)
    other = follower(thread)
    client.post(unsubscribe_path(world.citizen, [thread.pk]))
    assert follows(thread, other)
    assert follows(other_thread, world.citizen)


def test_unsubscribing_drops_pending_digest_entries(world, client):
    thread = enjeu_thread(world.enjeu, old_account())
    reader = follower(thread, "daily")
    comment(thread, old_account())
    client.post(unsubscribe_path(reader, [thread.pk]))
    assert not DigestEntry.objects.filter(user=reader).exists()


def test_a_digest_link_stops_every_thread_it_names(world, client):
    bus = enjeu_thread(world.enjeu, world.citizen)
    jardins = enjeu_thread(world.other_enjeu, world.citizen)
    client.post(unsubscribe_path(world.citizen, [bus.pk, jardins.pk]))
    assert not follows(bus, world.citizen) and not follows(jardins, world.citizen)


def test_using_the_link_again_says_it_is_already_done(world, client):
    thread = enjeu_thread(world.enjeu, world.citizen)
    path = unsubscribe_path(world.citizen, [thread.pk])
    client.post(path)
    assert client.post(path).status_code == 200
    response = client.get(path)
    assert response.status_code == 200
    assert b"data-unsubscribe-done" in response.content


def test_an_altered_token_answers_a_400_page(world, client):
    thread = enjeu_thread(world.enjeu, world.citizen)
    path = unsubscribe_path(world.citizen, [thread.pk])
    token = path.rstrip("/").rsplit("/", 1)[1]
    payload, signature = token.rsplit(":", 1)
    data = json.loads(signing.b64_decode(payload.encode()))
    data["u"] = old_account().pk  # someone else, with the first signature
    forged = signing.b64_encode(json.dumps(data, separators=(",", ":")).encode()).decode()
    forged += ":" + signature
    for bad in (forged, token[:-3] + "abc", "n-importe-quoi", token.split(":")[0]):
        response = client.get(f"/discussions/desabonnement/{bad}/")
        assert response.status_code == 400, bad
        assert b"data-unsubscribe-invalid" in response.content
    assert client.post("/discussions/desabonnement/n-importe-quoi/").status_code == 400
    assert follows(thread, world.citizen)


def test_a_token_for_a_deleted_account_or_thread_does_no_harm(world, client):
    thread = enjeu_thread(world.enjeu, world.citizen)
    path = unsubscribe_path(world.citizen, [thread.pk])
    thread.delete()
    assert client.get(path).status_code == 200
    world.citizen.delete()
    assert client.post(path).status_code == 200


def test_other_methods_are_refused(world, client):
    thread = enjeu_thread(world.enjeu, world.citizen)
    assert client.put(unsubscribe_path(world.citizen, [thread.pk])).status_code == 405
    assert client.delete(unsubscribe_path(world.citizen, [thread.pk])).status_code == 405


def test_the_pages_are_kept_out_of_search_engines(world, client):
    thread = enjeu_thread(world.enjeu, world.citizen)
    html = client.get(unsubscribe_path(world.citizen, [thread.pk])).content.decode()
    assert '<meta name="robots" content="noindex">' in html
