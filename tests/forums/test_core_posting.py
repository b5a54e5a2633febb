"""The shared posting core: xtd's tree fields, depth limit, held comments, follows."""

import pytest
from django_comments_xtd.models import MaxThreadLevelExceededException

from forums.models import Comment, ThreadFollow

from .core_helpers import comment, enjeu_thread, old_account, world

pytestmark = pytest.mark.django_db


def test_a_reply_is_placed_after_its_parent_in_the_tree():
    w = world()
    author = old_account()
    thread = enjeu_thread(w.enjeu, author)
    first = comment(thread, author, "Premier")
    second = comment(thread, author, "Second")
    reply = comment(thread, w.citizen, "Réponse", parent=first)
    rows = list(Comment.objects.filter(forum_thread=thread).order_by("thread_id", "order"))
    assert [c.pk for c in rows] == [first.pk, reply.pk, second.pk]
    assert (reply.thread_id, reply.level, reply.parent_id) == (first.pk, 1, first.pk)


def test_a_reply_deeper_than_three_levels_is_refused():
    w = world()
    thread = enjeu_thread(w.enjeu, w.citizen)
    level0 = comment(thread, w.citizen)
    level1 = comment(thread, w.citizen, parent=level0)
    level2 = comment(thread, w.citizen, parent=level1)
    assert level2.level == 2
    assert not level2.allow_thread()
    with pytest.raises(MaxThreadLevelExceededException):
        comment(thread, w.citizen, parent=level2)


def test_a_new_account_posting_several_links_is_held():
    w = world()
    thread = enjeu_thread(w.enjeu, w.citizen)
    held = comment(thread, w.citizen, "https://a.example https://b.example")
    assert held.status == Comment.Status.HELD
    kept = comment(thread, old_account(), "https://a.example https://b.example")
    assert kept.status == Comment.Status.PUBLISHED


def test_the_author_of_a_thread_and_of_a_comment_follow_it():
    w = world()
    thread = enjeu_thread(w.enjeu, w.member)
    comment(thread, w.citizen)
    assert set(ThreadFollow.objects.values_list("user", flat=True)) == {w.member.pk, w.citizen.pk}


def test_message_html_is_rendered_and_sanitised_on_save():
    w = world()
    thread = enjeu_thread(w.enjeu, w.citizen, body="**Bus** <script>x</script>")
    assert thread.body_html == "<p><strong>Bus</strong> &lt;script&gt;x&lt;/script&gt;</p>"
    posted = comment(thread, old_account(), "[x](javascript:alert(1)) https://ok.example")
    assert "javascript" not in posted.body_html.split("[x]")[0]
    assert 'rel="nofollow ugc noopener"' in posted.body_html
