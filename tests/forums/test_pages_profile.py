"""The citizen's profile lists their ten latest comments, in public threads only."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forums import posting
from forums.models import Comment, Thread, ThreadFollow

from . import threads_helpers as h
from .core_helpers import (
    client_for,
    comment,
    enjeu_thread,
    initiative_thread,
    old_account,
)
from .core_helpers import (
    world as make_world,
)

pytestmark = pytest.mark.django_db


def build_world():
    return make_world()


PROFILE = reverse("accounts:profile")


def listed(response):
    return [c.pk for c in response.context["recent_comments"]]


def test_the_profile_lists_the_ten_latest_comments_newest_first(world):
    me = old_account()
    thread = enjeu_thread(world.enjeu, world.citizen, title="Des bus le dimanche")
    mine = [comment(thread, me, f"Message {n}") for n in range(12)]
    comment(thread, world.citizen, "Pas à moi")
    response = client_for(me).get(PROFILE)
    assert listed(response) == [c.pk for c in reversed(mine)][:10]
    assert f'href="{mine[-1].get_absolute_url()}"' in response.text
    assert "Des bus le dimanche" in response.text
    assert "Pas à moi" not in response.text


def test_comments_of_members_only_threads_are_left_out(world):
    secret = initiative_thread(world.initiative, world.porteur, members_only=True)
    public = initiative_thread(world.initiative, world.porteur)
    hidden_one = comment(secret, world.member, "Secret")
    shown = comment(public, world.member, "Public")
    response = client_for(world.member).get(PROFILE)
    assert listed(response) == [shown.pk]
    assert hidden_one.pk not in listed(response)


def test_hidden_held_and_deleted_comments_are_left_out(world):
    me = old_account()
    thread = enjeu_thread(world.enjeu, world.citizen)
    h.hide(comment(thread, me))
    h.delete(comment(thread, me))
    held = comment(thread, me)
    Comment.objects.filter(pk=held.pk).update(status=Comment.Status.HELD)
    assert listed(client_for(me).get(PROFILE)) == []


def test_comments_under_an_unpublished_enjeu_or_initiative_are_left_out(world):
    me = old_account()
    comment(enjeu_thread(world.enjeu, world.citizen), me)
    comment(initiative_thread(world.initiative, world.porteur), me)
    world.enjeu.unpublish()
    world.initiative.unpublish()
    assert listed(client_for(me).get(PROFILE)) == []


def test_an_excerpt_of_the_message_is_shown_as_plain_text(world):
    me = old_account()
    comment(enjeu_thread(world.enjeu, world.citizen), me, "**Gras** et <b>balise</b>")
    text = client_for(me).get(PROFILE).text
    assert "Gras et &lt;b&gt;balise&lt;/b&gt;" in text
    assert "<strong>Gras" not in text


def test_a_citizen_without_comments_is_told_where_to_discuss(world):
    response = client_for(world.citizen).get(PROFILE)
    assert listed(response) == []
    assert "data-profile-comments" in response.text


def followed(response):
    return [t.pk for t in response.context["followed_threads"]]


def test_the_profile_lists_the_threads_the_citizen_follows_most_active_first(world):
    me = old_account()
    older = enjeu_thread(world.enjeu, world.citizen, title="Des bus le dimanche")
    newer = initiative_thread(world.initiative, world.porteur, title="Organisation <du> samedi")
    enjeu_thread(world.enjeu, world.citizen, title="Pas suivie")
    posting.follow(older, me)
    posting.follow(newer, me)
    Thread.objects.filter(pk=older.pk).update(last_activity_at=timezone.now() - timedelta(days=2))
    response = client_for(me).get(PROFILE)
    assert followed(response) == [newer.pk, older.pk]
    assert f'href="{older.get_absolute_url()}"' in response.text
    assert "Organisation &lt;du&gt; samedi" in response.text
    assert "Pas suivie" not in response.text


def test_followed_threads_the_citizen_may_no_longer_read_are_left_out(world):
    me = old_account()
    secret = initiative_thread(world.initiative, world.porteur, members_only=True)
    gone = enjeu_thread(world.enjeu, world.citizen)
    ThreadFollow.objects.create(thread=secret, user=me)
    posting.follow(gone, me)
    world.enjeu.unpublish()
    response = client_for(me).get(PROFILE)
    assert followed(response) == []
    assert "data-profile-followed-threads" in response.text
    member_view = client_for(world.member).get(PROFILE)
    posting.follow(secret, world.member)
    assert secret.pk in followed(client_for(world.member).get(PROFILE))
    assert member_view.status_code == 200
