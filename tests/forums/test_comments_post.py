"""Posting a comment or a reply: the signed form (24 hours, text kept when it expired or was
altered), the length limit, the honeypot, the depth limit, the per-account rate limit, who may
post, and the htmx answers."""

from unittest.mock import ANY

import pytest
from django.urls import reverse

from forums.models import Comment, Thread

from . import threads_helpers as h
from .core_helpers import (
    client_for,
    comment,
    enjeu_thread,
    initiative_thread,
    moderator,
    old_account,
)
from .core_helpers import world as make_world

pytestmark = pytest.mark.django_db


def stored(thread):
    """What the comments of ``thread`` hold: (author, text, status, level, parent), in order."""
    return [
        (c.user, c.comment, c.status, c.level, c.parent_id)
        for c in Comment.objects.filter(forum_thread=thread).order_by("pk")
    ]


def build_world():
    """The forums world, a thread started by its member and an old account to post in it."""
    w = make_world()
    w.thread = enjeu_thread(w.enjeu, w.member)
    w.author = old_account()
    return w


@pytest.fixture
def w(world):
    return world


@pytest.fixture
def thread(w):
    return w.thread


@pytest.fixture
def author(w):
    return w.author


def test_a_citizen_posts_a_comment_and_lands_on_it(thread, author):
    response = h.post(client_for(author), thread, "Je viens aussi !")
    posted = Comment.objects.get()
    assert response.status_code == 302
    assert response.url == f"{thread.get_absolute_url()}#c{posted.pk}"
    assert (posted.comment, posted.user, posted.forum_thread) == (
        "Je viens aussi !",
        author,
        thread,
    )
    assert posted.status == Comment.Status.PUBLISHED
    assert (posted.level, posted.parent_id) == (0, posted.pk)


def test_posting_moves_the_thread_up_in_its_forum(thread, author):
    before = Thread.objects.get(pk=thread.pk).last_activity_at
    h.post(client_for(author), thread)
    assert Thread.objects.get(pk=thread.pk).last_activity_at > before
    assert Comment.objects.get().submit_date == Thread.objects.get(pk=thread.pk).last_activity_at


def test_the_redirect_names_the_page_that_shows_the_new_comment(thread, author, settings):
    settings.FORUM_COMMENTS_PER_PAGE = 2
    for _ in range(4):
        comment(thread, author)
    response = h.post(client_for(author), thread)
    posted = Comment.objects.latest("pk")
    assert response.url == f"{thread.get_absolute_url()}?page=3#c{posted.pk}"
    assert (posted.user, posted.comment, posted.forum_thread, posted.level) == (
        author,
        "Un message.",
        thread,
        0,
    )
    assert Comment.objects.count() == 5


def test_a_reply_is_stored_under_its_parent(thread, author, w):
    parent = comment(thread, author)
    response = h.post(client_for(w.citizen), thread, "Réponse", reply_to=parent.pk)
    reply = Comment.objects.get(pk__gt=parent.pk)
    assert (reply.level, reply.parent_id, reply.thread_id) == (1, parent.pk, parent.pk)
    assert (reply.user, reply.comment, reply.forum_thread, reply.status) == (
        w.citizen,
        "Réponse",
        thread,
        Comment.Status.PUBLISHED,
    )
    assert response.status_code == 302
    assert response.url.endswith(f"#c{reply.pk}")
    assert Comment.objects.count() == 2


def test_a_reply_to_a_comment_at_the_deepest_level_is_refused_with_the_text_kept(thread, author, w):
    level0 = comment(thread, author)
    level1 = comment(thread, author, parent=level0)
    level2 = comment(thread, author, parent=level1)
    response = h.post(client_for(w.citizen), thread, "Trop profond", reply_to=level2.pk)
    assert response.status_code == 400
    assert Comment.objects.count() == 3
    assert "Trop profond" in response.text
    assert "data-form-errors" in response.text


def test_a_reply_to_a_comment_of_another_thread_is_refused(thread, author, w):
    elsewhere = comment(enjeu_thread(w.other_enjeu, author), author)
    response = h.post(client_for(w.citizen), thread, "Ailleurs", reply_to=elsewhere.pk)
    assert response.status_code == 400
    assert Comment.objects.count() == 1


def test_a_reply_to_a_hidden_comment_is_refused(thread, author, w):
    hidden = h.hide(comment(thread, author))
    response = h.post(client_for(w.citizen), thread, "Réponse", reply_to=hidden.pk)
    assert response.status_code == 400
    assert Comment.objects.count() == 1


def test_an_expired_form_comes_back_fresh_with_the_text_kept(thread, author):
    response = h.post(
        client_for(author), thread, "Texte tapé lentement", timestamp=h.expired_timestamp()
    )
    assert response.status_code == 400
    assert not Comment.objects.exists()
    assert "Texte tapé lentement" in response.text
    form = response.context["comment_form"]
    assert not form.is_bound
    fresh = int(form.initial["timestamp"])
    assert fresh > h.expired_timestamp()
    assert form.initial["security_hash"] == form.initial_security_hash(fresh)
    assert "data-form-errors" in response.text


def test_a_form_opened_twenty_hours_ago_is_still_accepted(thread, author):
    response = h.post(client_for(author), thread, timestamp=h.expired_timestamp(20 * 3600))
    assert response.status_code == 302
    assert stored(thread) == [(author, "Un message.", Comment.Status.PUBLISHED, 0, ANY)]
    assert Comment.objects.count() == 1


def test_an_altered_signature_is_refused_with_the_text_kept(thread, author):
    data = h.signed_data(thread, "Mon texte")
    data["security_hash"] = "0" * 40
    response = client_for(author).post(h.post_url(thread), data)
    assert response.status_code == 400
    assert "Mon texte" in response.text
    assert not Comment.objects.exists()


def test_a_form_signed_for_another_thread_is_refused(thread, author, w):
    other = enjeu_thread(w.other_enjeu, author)
    response = client_for(author).post(h.post_url(thread), h.signed_data(other, "Détourné"))
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_a_message_over_the_length_limit_is_refused_with_the_text_kept(thread, author, settings):
    settings.COMMENT_MAX_LENGTH = 20
    response = h.post(client_for(author), thread, "x" * 21)
    assert response.status_code == 400
    assert "x" * 21 in response.text
    assert not Comment.objects.exists()


def test_an_empty_message_is_refused(thread, author):
    assert h.post(client_for(author), thread, "  \n ").status_code == 400
    assert not Comment.objects.exists()


def test_a_filled_honeypot_is_refused(thread, author):
    response = h.post(client_for(author), thread, "Achetez !", fields={"honeypot": "oui"})
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_an_account_posting_too_much_is_refused_with_its_text_kept(thread, author, settings):
    settings.COMMENTS_RATE_LIMIT = (3, 300)
    client = client_for(author)
    for n in range(3):
        assert h.post(client, thread, f"Message {n}.").status_code == 302
    response = h.post(client, thread, "Un de trop")
    assert response.status_code == 429
    assert "Un de trop" in response.text
    assert Comment.objects.count() == 3
    assert {(c.user, c.comment) for c in Comment.objects.all()} == {
        (author, f"Message {n}.") for n in range(3)
    }


def test_thirty_accounts_posting_from_one_network_all_pass(thread, settings):
    settings.COMMENTS_RATE_LIMIT = (3, 300)
    accounts = h.authors(30)
    for account in accounts:
        response = h.post(client_for(account), thread, REMOTE_ADDR="192.0.2.10")
        assert response.status_code == 302
    assert Comment.objects.count() == 30
    assert [c.user for c in Comment.objects.filter(forum_thread=thread).order_by("pk")] == accounts


def test_a_rejected_form_costs_nothing_of_the_allowance(thread, author, settings):
    settings.COMMENTS_RATE_LIMIT = (1, 300)
    client = client_for(author)
    assert h.post(client, thread, "").status_code == 400
    assert h.post(client, thread, "Valable").status_code == 302
    assert stored(thread) == [(author, "Valable", Comment.Status.PUBLISHED, 0, ANY)]


def test_a_new_account_posting_several_links_is_told_its_message_waits(thread, w):
    response = h.post(
        client_for(w.citizen), thread, "https://a.example https://b.example", follow=True
    )
    posted = Comment.objects.get()
    assert posted.status == Comment.Status.HELD
    assert (posted.user, posted.comment, posted.forum_thread) == (
        w.citizen,
        "https://a.example https://b.example",
        thread,
    )
    assert any(m.level_tag == "info" for m in response.context["messages"])
    assert 'data-comment-state="held"' in response.text


def test_visitors_are_sent_to_the_login_page(client, thread):
    response = h.post(client, thread)
    assert response.status_code == 302
    assert reverse("account_login") in response.url
    assert not Comment.objects.exists()


def test_posting_refuses_get(thread, author):
    assert client_for(author).get(h.post_url(thread)).status_code == 405
    assert not Comment.objects.exists()


def test_a_closed_thread_takes_no_comment(thread, author):
    Thread.objects.filter(pk=thread.pk).update(closed=True)
    assert h.post(client_for(author), thread).status_code == 403
    assert not Comment.objects.exists()


def test_a_moderator_may_still_post_in_a_closed_thread(thread):
    Thread.objects.filter(pk=thread.pk).update(closed=True)
    staff = moderator()
    assert h.post(client_for(staff), thread).status_code == 302
    assert stored(thread) == [(staff, "Un message.", Comment.Status.PUBLISHED, 0, ANY)]


def test_a_non_member_cannot_post_in_a_members_only_thread(w):
    thread = initiative_thread(w.initiative, w.porteur, members_only=True)
    assert h.post(client_for(w.citizen), thread).status_code == 404
    assert not Comment.objects.exists()
    assert h.post(client_for(w.member), thread).status_code == 302
    assert stored(thread) == [(w.member, "Un message.", Comment.Status.PUBLISHED, 0, ANY)]
    assert Comment.objects.count() == 1


def test_anyone_signed_in_may_answer_a_public_initiative_thread(w):
    thread = initiative_thread(w.initiative, w.porteur)
    assert h.post(client_for(w.citizen), thread).status_code == 302
    assert stored(thread) == [(w.citizen, "Un message.", Comment.Status.PUBLISHED, 0, ANY)]
    assert Comment.objects.count() == 1


def test_no_comment_under_an_unpublished_enjeu(thread, author, w):
    w.enjeu.unpublish()
    assert h.post(client_for(author), thread).status_code == 404
    assert not Comment.objects.exists()


def test_with_htmx_the_new_comment_comes_back_with_a_fresh_form(thread, author):
    response = h.post(client_for(author), thread, "Par htmx", htmx=True)
    posted = Comment.objects.get()
    assert response.status_code == 200
    assert response.text.lstrip().startswith(
        f'<li class="comment comment--level-0" id="c{posted.pk}"'
    )
    assert 'id="comment-form" hx-swap-oob="true"' in response.text
    assert 'id="forum-status" hx-swap-oob="innerHTML"' in response.text
    assert "Par htmx" in response.text
    assert (posted.user, posted.comment, posted.forum_thread, posted.status) == (
        author,
        "Par htmx",
        thread,
        Comment.Status.PUBLISHED,
    )


def test_with_htmx_a_reply_comes_back_and_its_form_is_removed(thread, author, w):
    parent = comment(thread, author)
    response = h.post(client_for(w.citizen), thread, "Réponse htmx", reply_to=parent.pk, htmx=True)
    assert response.status_code == 200
    reply = Comment.objects.get(pk__gt=parent.pk)
    assert (reply.user, reply.comment, reply.level, reply.parent_id) == (
        w.citizen,
        "Réponse htmx",
        1,
        parent.pk,
    )
    assert f'id="c{reply.pk}"' in response.text
    assert 'class="comment comment--level-1"' in response.text
    assert f'id="reply-slot-{parent.pk}" hx-swap-oob="innerHTML"' in response.text


def test_with_htmx_the_reply_count_is_updated_out_of_band(thread, author, w):
    comment(thread, w.citizen)
    response = h.post(client_for(author), thread, "Deuxième", htmx=True)
    assert response.status_code == 200
    assert '<h2 id="comments-title" data-reply-count="2" hx-swap-oob="true">' in response.text
    assert "2 replies</h2>" in response.text or "2 réponses</h2>" in response.text


def test_with_htmx_errors_replace_the_form_that_was_sent(thread, author):
    response = h.post(client_for(author), thread, "", htmx=True)
    assert response.status_code == 400
    assert response["HX-Retarget"] == "#comment-form"
    assert response["HX-Reswap"] == "outerHTML"
    assert "data-form-errors" in response.text


def test_with_htmx_an_expired_reply_form_comes_back_in_place_with_its_text(thread, author, w):
    parent = comment(thread, author)
    response = h.post(
        client_for(w.citizen),
        thread,
        "Réponse lente",
        reply_to=parent.pk,
        htmx=True,
        timestamp=h.expired_timestamp(),
    )
    assert response.status_code == 400
    assert response["HX-Retarget"] == f"#reply-form-{parent.pk}"
    assert "Réponse lente" in response.text
    assert f'name="reply_to" value="{parent.pk}"' in response.text


def test_the_stored_message_is_safe_html(thread, author):
    h.post(client_for(author), thread, "<script>x</script> [a](javascript:alert(1)) **ok**")
    html = Comment.objects.get().body_html
    assert "<script>" not in html
    assert 'href="javascript' not in html
    assert "<strong>ok</strong>" in html
