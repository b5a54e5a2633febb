"""Starting a thread: in an enjeu's forum (any signed-in citizen, optional territory), in an
initiative's forum (its members; porteurs may keep it to members); bad input answers 400 with
the text kept, an account posting too much 429."""

import pytest
from django.urls import reverse

from forums.models import Thread, ThreadFollow

from .core_helpers import client_for, moderator, world

pytestmark = pytest.mark.django_db


def enjeu_new(enjeu):
    return reverse("forums:enjeu-new-thread", args=[enjeu.slug])


def initiative_new(initiative):
    return reverse("forums:initiative-new-thread", args=[initiative.pk])


def data(**overrides):
    values = {
        "title": "Covoiturage vers Belfort",
        "body": "Qui part de Giromagny le matin ?",
        "territory": "",
        "honeypot": "",
    }
    values.update(overrides)
    return values


def test_visitors_are_sent_to_the_login_page(client):
    w = world()
    response = client.get(enjeu_new(w.enjeu))
    assert response.status_code == 302
    assert reverse("account_login") in response.url
    assert client.post(enjeu_new(w.enjeu), data()).status_code == 302
    assert not Thread.objects.exists()


def test_the_form_offers_the_published_territories():
    w = world()
    response = client_for(w.citizen).get(enjeu_new(w.enjeu))
    assert response.status_code == 200
    assert f'<option value="{w.territory.pk}">{w.territory.title}</option>' in response.text
    assert 'name="members_only"' not in response.text


def test_a_citizen_starts_a_thread_under_an_enjeu_and_follows_it():
    w = world()
    response = client_for(w.citizen).post(enjeu_new(w.enjeu), data(territory=w.territory.pk))
    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response.url == thread.get_absolute_url()
    assert (thread.enjeu, thread.author, thread.territory) == (w.enjeu, w.citizen, w.territory)
    assert ThreadFollow.objects.filter(thread=thread, user=w.citizen).exists()


def test_a_title_over_150_characters_is_refused_with_the_text_kept():
    w = world()
    response = client_for(w.citizen).post(
        enjeu_new(w.enjeu), data(title="x" * 151, body="Mon long message")
    )
    assert response.status_code == 400
    assert not Thread.objects.exists()
    assert "Mon long message" in response.text
    assert 'aria-invalid="true"' in response.text


def test_an_empty_message_is_refused():
    w = world()
    response = client_for(w.citizen).post(enjeu_new(w.enjeu), data(body="   "))
    assert response.status_code == 400
    assert not Thread.objects.exists()


def test_a_message_over_the_limit_is_refused():
    w = world()
    response = client_for(w.citizen).post(enjeu_new(w.enjeu), data(body="x" * 5001))
    assert response.status_code == 400
    assert not Thread.objects.exists()


def test_a_filled_honeypot_is_refused():
    w = world()
    response = client_for(w.citizen).post(enjeu_new(w.enjeu), data(honeypot="http://spam"))
    assert response.status_code == 400
    assert not Thread.objects.exists()


def test_a_territory_that_is_not_a_published_territory_is_refused():
    w = world()
    response = client_for(w.citizen).post(enjeu_new(w.enjeu), data(territory=w.enjeu.pk))
    assert response.status_code == 400
    assert not Thread.objects.exists()


def test_an_account_posting_too_much_is_slowed_down_with_its_text_kept(settings):
    settings.COMMENTS_RATE_LIMIT = (2, 300)
    w = world()
    client = client_for(w.citizen)
    for n in range(2):
        assert client.post(enjeu_new(w.enjeu), data(title=f"Sujet {n}")).status_code == 302
    response = client.post(enjeu_new(w.enjeu), data(title="Encore un", body="Texte gardé"))
    assert response.status_code == 429
    assert "Texte gardé" in response.text
    assert Thread.objects.count() == 2


def test_no_thread_starts_under_an_unpublished_enjeu():
    w = world()
    w.enjeu.unpublish()
    assert client_for(w.citizen).post(enjeu_new(w.enjeu), data()).status_code == 404


def test_a_citizen_who_is_not_a_member_cannot_start_a_thread_in_an_initiative():
    w = world()
    assert client_for(w.citizen).get(initiative_new(w.initiative)).status_code == 403
    assert client_for(w.citizen).post(initiative_new(w.initiative), data()).status_code == 403
    assert not Thread.objects.exists()


def test_a_member_starts_a_public_thread_in_the_initiative():
    w = world()
    response = client_for(w.member).post(initiative_new(w.initiative), data(members_only="on"))
    thread = Thread.objects.get()
    assert response.status_code == 302
    assert thread.initiative_id == w.initiative.pk
    assert not thread.members_only  # only porteurs may keep a thread to members


def test_a_member_is_not_offered_the_members_only_choice():
    w = world()
    response = client_for(w.member).get(initiative_new(w.initiative))
    assert response.status_code == 200
    assert 'name="members_only"' not in response.text
    assert 'name="territory"' not in response.text


def test_a_porteur_may_keep_a_thread_to_the_members():
    w = world()
    client = client_for(w.porteur)
    assert 'name="members_only"' in client.get(initiative_new(w.initiative)).text
    client.post(initiative_new(w.initiative), data(members_only="on"))
    assert Thread.objects.get().members_only


def test_a_moderator_may_start_a_thread_in_any_initiative():
    w = world()
    response = client_for(moderator()).post(initiative_new(w.initiative), data())
    assert response.status_code == 302


def test_the_new_thread_page_refuses_other_methods():
    w = world()
    assert client_for(w.citizen).put(enjeu_new(w.enjeu)).status_code == 405
