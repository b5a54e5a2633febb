"""The bench's long discussion (bench/seed_forums.py): bulk-inserted comments carry the tree
fields django-comments-xtd would have written, so real replies fit into a seeded tree."""

import random
from collections import defaultdict

import pytest
from django_comments.models import CommentFlag

from bench import seed_forums
from forums import posting
from forums.models import Comment, Thread
from tests import factories

from .core_helpers import old_account

pytestmark = pytest.mark.django_db

COMMENTS = 320


def build_world():
    """The bench's enjeu and its seeded forum, built once for the module."""
    home = factories.site_with_home_page()
    index = factories.EnjeuIndexPageFactory(parent=home)
    factories.EnjeuPageFactory(parent=index, slug=seed_forums.ENJEU_SLUG)
    seed_forums.seed(COMMENTS, threads=4)
    return Thread.objects.get(title=seed_forums.BENCH_TITLE)


@pytest.fixture
def seeded(world):
    return world


def rows(thread):
    return list(Comment.objects.filter(forum_thread=thread).order_by("thread_id", "order"))


def test_the_long_thread_gets_its_comments_and_the_forum_other_threads(seeded):
    assert seeded.comments.count() == COMMENTS
    assert Thread.objects.filter(page=seeded.page_id).count() == 5


def test_the_tree_generator_gives_the_count_in_three_levels():
    rows = seed_forums.tree(1000, random.Random(1))
    assert len(rows) == 1000
    assert {level for level, _parent in rows} == {0, 1, 2}
    assert all(parent is None or rows[parent][0] == level - 1 for level, parent in rows)


def test_seeded_roots_are_their_own_tree_and_parent(seeded):
    roots = [c for c in rows(seeded) if c.level == 0]
    assert len(roots) > 10
    assert all((c.thread_id, c.parent_id, c.order) == (c.pk, c.pk, 1) for c in roots)


def test_seeded_trees_are_numbered_from_one_in_display_order(seeded):
    trees = defaultdict(list)
    for comment in rows(seeded):
        trees[comment.thread_id].append(comment)
    by_id = {c.pk: c for c in rows(seeded)}
    for tree in trees.values():
        assert [c.order for c in tree] == list(range(1, len(tree) + 1))
        seen = set()
        for comment in tree:
            if comment.level:
                assert comment.parent_id in seen
                assert by_id[comment.parent_id].level == comment.level - 1
            seen.add(comment.pk)


def test_seeded_nested_counts_count_the_replies_below(seeded):
    by_id = {c.pk: c for c in rows(seeded)}
    expected = defaultdict(int)
    for comment in by_id.values():
        ancestor = comment
        while ancestor.level:
            ancestor = by_id[ancestor.parent_id]
            expected[ancestor.pk] += 1
    assert all(c.nested_count == expected[c.pk] for c in by_id.values())


def test_seeded_comments_are_rendered_and_some_hidden_deleted_or_liked(seeded):
    comments = Comment.objects.filter(forum_thread=seeded)
    assert not comments.filter(body_html="").exists()
    assert comments.filter(status=Comment.Status.HIDDEN).exclude(hidden_reason="").exists()
    assert comments.filter(deleted_at__isnull=False).exists()
    assert CommentFlag.objects.filter(comment__in=comments).exists()
    assert not comments.filter(is_public=False).exists()


def test_a_reply_posted_through_xtd_lands_after_its_seeded_parent_tree(seeded):
    parent = next(c for c in rows(seeded) if c.level == 1)
    tree_before = [c.pk for c in rows(seeded) if c.thread_id == parent.thread_id]
    reply = posting.post_comment(thread=seeded, author=old_account(), text="Oui !", parent=parent)
    tree_after = [c.pk for c in rows(seeded) if c.thread_id == parent.thread_id]
    position = tree_before.index(parent.pk) + 1 + parent.nested_count
    assert tree_after == [*tree_before[:position], reply.pk, *tree_before[position:]]
    assert (reply.level, reply.thread_id) == (2, parent.thread_id)


def test_a_second_seeding_adds_nothing(seeded):
    before = Comment.objects.count(), Thread.objects.count()
    seed_forums.seed(COMMENTS, threads=4)
    assert (Comment.objects.count(), Thread.objects.count()) == before


def test_last_activity_is_the_last_comment(seeded):
    last = Comment.objects.filter(forum_thread=seeded).order_by("-submit_date").first()
    assert seeded.last_activity_at == last.submit_date
