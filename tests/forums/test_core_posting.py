"""The shared posting core: xtd's tree fields, depth limit, held comments, follows."""

import pytest
from django_comments_xtd.models import MaxThreadLevelExceededException

from forums.models import Comment, ThreadFollow

from .core_helpers import comment, enjeu_thread, old_account
from .core_helpers import world as make_world

pytestmark = pytest.mark.django_db


def build_world():
    return make_world()


def test_a_reply_is_placed_after_its_parent_in_the_tree(world):
    author = old_account()
    thread = enjeu_thread(world.enjeu, author)
    first = comment(thread, author, "Premier")
    second = comment(thread, author, "Second")
    reply = comment(thread, world.citizen, "Réponse", parent=first)
    rows = list(Comment.objects.filter(forum_thread=thread).order_by("thread_id", "order"))
    assert [c.pk for c in rows] == [first.pk, reply.pk, second.pk]
    assert (reply.thread_id, reply.level, reply.parent_id) == (first.pk, 1, first.pk)


def test_a_reply_deeper_than_three_levels_is_refused(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    level0 = comment(thread, world.citizen)
    level1 = comment(thread, world.citizen, parent=level0)
    level2 = comment(thread, world.citizen, parent=level1)
    assert level2.level == 2
    assert not level2.allow_thread()
    with pytest.raises(MaxThreadLevelExceededException):
        comment(thread, world.citizen, parent=level2)


def test_a_new_account_posting_several_links_is_held(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    held = comment(thread, world.citizen, "https://a.example https://b.example")
    assert held.status == Comment.Status.HELD
    kept = comment(thread, old_account(), "https://a.example https://b.example")
    assert kept.status == Comment.Status.PUBLISHED


def test_the_author_of_a_thread_and_of_a_comment_follow_it(world):
    thread = enjeu_thread(world.enjeu, world.member)
    comment(thread, world.citizen)
    assert set(ThreadFollow.objects.values_list("user", flat=True)) == {
        world.member.pk,
        world.citizen.pk,
    }


def test_message_html_is_rendered_and_sanitised_on_save(world):
    thread = enjeu_thread(world.enjeu, world.citizen, body="**Bus** <script>x</script>")
    assert thread.body_html == "<p><strong>Bus</strong> &lt;script&gt;x&lt;/script&gt;</p>"
    posted = comment(thread, old_account(), "[x](javascript:alert(1)) https://ok.example")
    assert "javascript" not in posted.body_html.split("[x]")[0]
    assert 'rel="nofollow ugc noopener"' in posted.body_html
