"""Starting a thread: in an enjeu's forum (any signed-in citizen, optional territory), in an
initiative's forum (its members; porteurs may keep it to members); bad input answers 400 with
the text kept, an account posting too much 429."""

import pytest
from django.urls import reverse

from forums.models import Thread, ThreadFollow

from .core_helpers import client_for, moderator
from .core_helpers import world as make_world

pytestmark = pytest.mark.django_db


def build_world():
    return make_world()


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


def the_thread():
    """The one thread stored: its title, opening message, author, page, territory, members_only."""
    thread = Thread.objects.get()
    return (
        thread.title,
        thread.body,
        thread.author,
        thread.page_id,
        thread.territory_id,
        thread.members_only,
    )


def test_visitors_are_sent_to_the_login_page(world, client):
    response = client.get(enjeu_new(world.enjeu))
    assert response.status_code == 302
    assert reverse("account_login") in response.url
    assert client.post(enjeu_new(world.enjeu), data()).status_code == 302
    assert not Thread.objects.exists()


def test_the_form_offers_the_published_territories(world):
    response = client_for(world.citizen).get(enjeu_new(world.enjeu))
    assert response.status_code == 200
    assert f'<option value="{world.territory.pk}">{world.territory.title}</option>' in response.text
    assert 'name="members_only"' not in response.text


def test_a_citizen_starts_a_thread_under_an_enjeu_and_follows_it(world):
    response = client_for(world.citizen).post(
        enjeu_new(world.enjeu), data(territory=world.territory.pk)
    )
    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response.url == thread.get_absolute_url()
    assert (thread.forum_page, thread.author, thread.territory) == (
        world.enjeu,
        world.citizen,
        world.territory,
    )
    assert ThreadFollow.objects.filter(thread=thread, user=world.citizen).exists()
    assert the_thread() == (
        "Covoiturage vers Belfort",
        "Qui part de Giromagny le matin ?",
        world.citizen,
        world.enjeu.pk,
        world.territory.pk,
        False,
    )


def test_a_title_over_150_characters_is_refused_with_the_text_kept(world):
    response = client_for(world.citizen).post(
        enjeu_new(world.enjeu), data(title="x" * 151, body="Mon long message")
    )
    assert response.status_code == 400
    assert not Thread.objects.exists()
    assert "Mon long message" in response.text
    assert 'aria-invalid="true"' in response.text


def test_an_empty_message_is_refused(world):
    response = client_for(world.citizen).post(enjeu_new(world.enjeu), data(body="   "))
    assert response.status_code == 400
    assert not Thread.objects.exists()


def test_a_message_over_the_limit_is_refused(world):
    response = client_for(world.citizen).post(enjeu_new(world.enjeu), data(body="x" * 5001))
    assert response.status_code == 400
    assert not Thread.objects.exists()


def test_a_filled_honeypot_is_refused(world):
    response = client_for(world.citizen).post(enjeu_new(world.enjeu), data(honeypot="http://spam"))
    assert response.status_code == 400
    assert not Thread.objects.exists()


def test_a_territory_that_is_not_a_published_territory_is_refused(world):
    response = client_for(world.citizen).post(
        enjeu_new(world.enjeu), data(territory=world.enjeu.pk)
    )
    assert response.status_code == 400
    assert not Thread.objects.exists()


def test_an_account_posting_too_much_is_slowed_down_with_its_text_kept(world, settings):
    settings.COMMENTS_RATE_LIMIT = (2, 300)
    client = client_for(world.citizen)
    for n in range(2):
        assert client.post(enjeu_new(world.enjeu), data(title=f"Sujet {n}")).status_code == 302
    response = client.post(enjeu_new(world.enjeu), data(title="Encore un", body="Texte gardé"))
    assert response.status_code == 429
    assert "Texte gardé" in response.text
    assert Thread.objects.count() == 2
    assert sorted(Thread.objects.values_list("title", "author", "page")) == [
        ("Sujet 0", world.citizen.pk, world.enjeu.pk),
        ("Sujet 1", world.citizen.pk, world.enjeu.pk),
    ]


def test_no_thread_starts_under_an_unpublished_enjeu(world):
    world.enjeu.unpublish()
    assert client_for(world.citizen).post(enjeu_new(world.enjeu), data()).status_code == 404
    assert not Thread.objects.exists()


def test_a_citizen_who_is_not_a_member_cannot_start_a_thread_in_an_initiative(world):
    assert client_for(world.citizen).get(initiative_new(world.initiative)).status_code == 403
    assert (
        client_for(world.citizen).post(initiative_new(world.initiative), data()).status_code == 403
    )
    assert not Thread.objects.exists()


def test_a_member_starts_a_public_thread_in_the_initiative(world):
    response = client_for(world.member).post(
        initiative_new(world.initiative), data(members_only="on")
    )
    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response.url == thread.get_absolute_url()
    assert thread.page_id == world.initiative.pk
    assert not thread.members_only  # only porteurs may keep a thread to members
    assert the_thread() == (
        "Covoiturage vers Belfort",
        "Qui part de Giromagny le matin ?",
        world.member,
        world.initiative.pk,
        None,
        False,
    )
    assert ThreadFollow.objects.filter(thread=thread, user=world.member).exists()


def test_a_member_is_not_offered_the_members_only_choice(world):
    response = client_for(world.member).get(initiative_new(world.initiative))
    assert response.status_code == 200
    assert 'name="members_only"' not in response.text
    assert 'name="territory"' not in response.text


def test_a_porteur_may_keep_a_thread_to_the_members(world):
    client = client_for(world.porteur)
    assert 'name="members_only"' in client.get(initiative_new(world.initiative)).text
    response = client.post(initiative_new(world.initiative), data(members_only="on"))
    assert Thread.objects.get().members_only
    assert response.status_code == 302
    assert the_thread() == (
        "Covoiturage vers Belfort",
        "Qui part de Giromagny le matin ?",
        world.porteur,
        world.initiative.pk,
        None,
        True,
    )


def test_a_moderator_may_start_a_thread_in_any_initiative(world):
    staff = moderator()
    response = client_for(staff).post(initiative_new(world.initiative), data())
    assert response.status_code == 302
    assert response.url == Thread.objects.get().get_absolute_url()
    assert the_thread() == (
        "Covoiturage vers Belfort",
        "Qui part de Giromagny le matin ?",
        staff,
        world.initiative.pk,
        None,
        False,
    )


def test_the_new_thread_page_refuses_other_methods(world):
    assert client_for(world.citizen).put(enjeu_new(world.enjeu)).status_code == 405
    assert not Thread.objects.exists()
