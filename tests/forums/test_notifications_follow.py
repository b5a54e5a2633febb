"""Following and leaving a thread from its page (a POST form, enhanced by htmx)."""

import pytest

from forums.models import DigestEntry, ThreadFollow

from .core_helpers import client_for, comment, enjeu_thread, initiative_thread, old_account
from .core_helpers import world as make_world
from .notifications_helpers import follow_url, follower

pytestmark = pytest.mark.django_db


def build_world():
    return make_world()


def follows(thread, user):
    return ThreadFollow.objects.filter(thread=thread, user=user).exists()


def test_a_citizen_follows_a_thread_and_comes_back_to_it(world):
    thread = enjeu_thread(world.enjeu, old_account())
    response = client_for(world.citizen).post(follow_url(thread), {"follow": "1"})
    assert response.status_code == 302
    assert response["Location"].startswith(thread.get_absolute_url())
    assert follows(thread, world.citizen)


def test_following_twice_keeps_one_follow(world):
    thread = enjeu_thread(world.enjeu, old_account())
    client = client_for(world.citizen)
    client.post(follow_url(thread), {"follow": "1"})
    client.post(follow_url(thread), {"follow": "1"})
    assert ThreadFollow.objects.filter(thread=thread, user=world.citizen).count() == 1


def test_a_follower_stops_following(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    response = client_for(world.citizen).post(follow_url(thread), {"follow": "0"})
    assert response.status_code == 302
    assert not follows(thread, world.citizen)


def test_unfollowing_drops_the_pending_digest_entries_of_the_thread(world):
    thread = enjeu_thread(world.enjeu, old_account())
    reader = follower(thread, "daily")
    comment(thread, old_account())
    client_for(reader).post(follow_url(thread), {"follow": "0"})
    assert not DigestEntry.objects.filter(user=reader).exists()


def test_the_page_says_it_is_done_after_the_redirect(world):
    thread = enjeu_thread(world.enjeu, old_account())
    response = client_for(world.citizen).post(follow_url(thread), {"follow": "1"}, follow=True)
    assert response.status_code == 200
    assert b"message--success" in response.content


def test_htmx_gets_the_button_back_in_its_new_state(world):
    thread = enjeu_thread(world.enjeu, old_account())
    response = client_for(world.citizen).post(
        follow_url(thread), {"follow": "1"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-follow-state="following"' in html
    assert 'name="follow" value="0"' in html
    assert "<html" not in html


def test_htmx_unfollow_gets_the_follow_button_back(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    response = client_for(world.citizen).post(
        follow_url(thread), {"follow": "0"}, headers={"HX-Request": "true"}
    )
    assert 'data-follow-state="not-following"' in response.content.decode()


def test_an_unclear_request_answers_400_and_changes_nothing(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    response = client_for(world.citizen).post(follow_url(thread), {"follow": "peut-être"})
    assert response.status_code == 400
    assert b"data-follow" in response.content
    assert follows(thread, world.citizen)


def test_an_unclear_htmx_request_answers_400_with_the_button(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    response = client_for(world.citizen).post(
        follow_url(thread), {}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 400
    assert 'data-follow-state="following"' in response.content.decode()


def test_get_is_refused(world):
    thread = enjeu_thread(world.enjeu, old_account())
    assert client_for(world.citizen).get(follow_url(thread)).status_code == 405


def test_an_anonymous_visitor_is_sent_to_the_login_page(world, client):
    thread = enjeu_thread(world.enjeu, old_account())
    response = client.post(follow_url(thread), {"follow": "1"})
    assert response.status_code == 302
    assert "/comptes/" in response["Location"]
    assert not ThreadFollow.objects.exclude(user=thread.author).exists()


def test_a_non_member_cannot_follow_a_members_only_thread(world):
    thread = initiative_thread(world.initiative, world.porteur, members_only=True)
    response = client_for(world.citizen).post(follow_url(thread), {"follow": "1"})
    assert response.status_code == 404
    assert not follows(thread, world.citizen)


def test_a_member_follows_a_members_only_thread(world):
    thread = initiative_thread(world.initiative, world.porteur, members_only=True)
    client_for(world.member).post(follow_url(thread), {"follow": "1"})
    assert follows(thread, world.member)


def test_a_thread_of_an_unpublished_enjeu_cannot_be_followed(world):
    thread = enjeu_thread(world.enjeu, old_account())
    world.enjeu.unpublish()
    response = client_for(world.citizen).post(follow_url(thread), {"follow": "1"})
    assert response.status_code == 404


def test_an_unknown_thread_answers_404(world):
    response = client_for(world.citizen).post("/discussions/999999/suivre/", {"follow": "1"})
    assert response.status_code == 404


def test_the_thread_page_shows_the_follow_button_to_a_citizen(world):
    thread = enjeu_thread(world.enjeu, old_account())
    html = client_for(world.citizen).get(thread.get_absolute_url()).content.decode()
    assert "data-follow" in html
    assert 'data-follow-state="not-following"' in html


def test_the_thread_page_shows_the_author_already_following(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    html = client_for(world.citizen).get(thread.get_absolute_url()).content.decode()
    assert 'data-follow-state="following"' in html


def test_the_follow_button_works_without_javascript_and_with_htmx(world):
    thread = enjeu_thread(world.enjeu, old_account())
    html = client_for(world.citizen).get(thread.get_absolute_url()).content.decode()
    form = html.split('class="thread-follow__form"')[0].rsplit("<form", 1)[1]
    assert f'action="{follow_url(thread)}"' in form and 'method="post"' in form
    assert 'hx-post="' in html and 'hx-target="#thread-follow-' in html
