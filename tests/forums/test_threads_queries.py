"""A thread page, a forum index and the pages that list threads run a bounded number of SQL
queries, whatever the number of comments or threads (tree loading: one query for the replies
of a page's top-level comments, likes counted inside it)."""

import pytest

from forums.models import Comment

from . import threads_helpers as h
from .core_helpers import enjeu_thread, initiative_thread
from .core_helpers import world as make_world

pytestmark = pytest.mark.django_db


def build_world():
    return make_world()


# Measured: a visitor's thread page runs 11 queries, a member's 17 (session, user, groups,
# follow, their messages in the rate limit's window, whether some of the thread's comments
# are theirs only); a forum index 8 / 11. The bounds leave a little room. With the fragment
# cache on, a member's second visit runs fewer (tests/cms_pages/test_fragments_signed_in.py).
THREAD_PAGE_BOUND = 18
FORUM_BOUND = 13  # a signed-in reader: are they a moderator (threads held for one)?
ENJEU_PAGE_BOUND = 16


@pytest.fixture(autouse=True)
def _render_every_time(settings):
    """The cost of rendering is measured: a visitor's second visit would come from the page
    cache (no query), and the comments added in bulk here send no signal to make it stale."""
    settings.PAGE_CACHE_SECONDS = 0


def warm(client, url):
    """A first request fills per-process caches (content types, site root paths)."""
    assert client.get(url).status_code == 200


@pytest.fixture
def setup(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    return world, thread


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_a_thread_page_runs_the_same_bounded_queries_at_5_and_200_comments(
    client, django_assert_max_num_queries, setup, who
):
    w, thread = setup
    if who == "member":
        client.force_login(w.member)
    url = thread.get_absolute_url()
    h.bulk_comments(thread, 1, replies=(1, 2, 1, 2))  # 5 comments
    warm(client, url)
    with django_assert_max_num_queries(THREAD_PAGE_BOUND):
        small = client.get(url)
    h.bulk_comments(thread, 39, replies=(1, 2, 1, 2))  # 200 comments in all
    assert Comment.objects.filter(forum_thread=thread).count() == 200
    with django_assert_max_num_queries(THREAD_PAGE_BOUND):
        large = client.get(url)
    assert len(small.context["nodes"]) == 1
    assert len(large.context["nodes"]) == 20  # FORUM_COMMENTS_PER_PAGE top-level comments


def test_a_thread_of_5000_comments_renders_its_pages_in_bounded_queries(
    client, django_assert_max_num_queries, setup
):
    w, thread = setup
    client.force_login(w.member)
    assert h.bulk_comments(thread, 1000, replies=(1, 2, 1, 2)) == 5000
    url = thread.get_absolute_url()
    warm(client, url)
    for page in (None, 25, 50):
        with django_assert_max_num_queries(THREAD_PAGE_BOUND):
            response = client.get(h.thread_url(thread, page))
        nodes = response.context["nodes"]
        assert len(nodes) == 20
        assert all(len(node.children) == 2 for node in nodes)
    assert response.context["page_obj"].paginator.num_pages == 50
    assert response.context["reply_count"] == 5000


def test_likes_are_counted_without_a_query_per_comment(
    client, django_assert_max_num_queries, setup
):
    w, thread = setup
    client.force_login(w.citizen)
    h.bulk_comments(thread, 20, replies=(1,))
    for comment in Comment.objects.filter(forum_thread=thread):
        h.like(comment, w.member)
        h.like(comment, w.citizen)
    warm(client, thread.get_absolute_url())
    with django_assert_max_num_queries(THREAD_PAGE_BOUND):
        response = client.get(thread.get_absolute_url())
    assert {(n.like_count, n.liked) for n in response.context["nodes"]} == {(2, True)}


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_a_forum_index_runs_the_same_bounded_queries_at_3_and_30_threads(
    world, client, django_assert_max_num_queries, who
):
    if who == "member":
        client.force_login(world.member)
    url = f"/initiatives/{world.initiative.pk}/discussions/"

    def grow(count):
        for n in range(count):
            thread = initiative_thread(world.initiative, world.porteur, title=f"Sujet {n}")
            h.bulk_comments(thread, 2, replies=(1,))

    grow(3)
    warm(client, url)
    with django_assert_max_num_queries(FORUM_BOUND):
        client.get(url)
    grow(27)
    with django_assert_max_num_queries(FORUM_BOUND):
        response = client.get(url)
    assert len(response.context["threads"]) == 20


def test_the_enjeu_page_lists_its_threads_in_one_query(
    world, client, django_assert_max_num_queries
):
    for n in range(10):
        h.bulk_comments(enjeu_thread(world.enjeu, world.citizen, title=f"Sujet {n}"), 3)
    warm(client, world.enjeu.url)
    with django_assert_max_num_queries(ENJEU_PAGE_BOUND):
        response = client.get(world.enjeu.url)
    assert response.text.count("data-thread-link") == 3
