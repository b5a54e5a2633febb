"""Demo discussions (load_demo_content): threads under enjeux and initiatives, replies on three
levels with django-comments-xtd's tree fields right, likes, a hidden and a deleted comment, a
pinned and a closed thread, no e-mail, and a second run that changes nothing."""

from collections import defaultdict

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone
from django_comments.models import CommentFlag
from django_comments_xtd.models import LIKEDIT_FLAG

from cms_pages.models import EnjeuPage
from forums import notifications
from forums.models import Comment, Thread, ThreadFollow
from initiatives.models import InitiativePage, Membership
from moderation.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(shared_demo):
    return shared_demo


def likes():
    return CommentFlag.objects.filter(flag=LIKEDIT_FLAG)


def threads_under(model):
    return Thread.objects.filter(page__in=model.objects.values("pk"))


def test_threads_sit_under_at_least_four_enjeux(demo):
    enjeux = threads_under(EnjeuPage).values("page").distinct()
    assert enjeux.count() >= 4


def test_threads_sit_under_at_least_three_initiatives(demo):
    initiatives = threads_under(InitiativePage).values("page").distinct()
    assert initiatives.count() >= 3


def test_one_initiative_thread_is_kept_to_members_and_only_they_write_in_it(demo):
    thread = Thread.objects.get(members_only=True)
    members = set(
        Membership.objects.filter(
            initiative=thread.page_id, status=Membership.Status.ACTIVE
        ).values_list("user", flat=True)
    )
    writers = set(thread.comments.values_list("user", flat=True)) | {thread.author_id}
    assert writers <= members


def test_initiative_threads_are_started_by_a_member(demo):
    for thread in threads_under(InitiativePage):
        assert Membership.objects.filter(
            initiative=thread.page_id, user=thread.author_id
        ).exists(), thread.title


def test_enjeu_threads_are_public_and_some_name_a_territory(demo):
    enjeu_threads = threads_under(EnjeuPage)
    assert not enjeu_threads.filter(members_only=True).exists()
    assert enjeu_threads.filter(territory__isnull=False).exists()


def test_replies_reach_the_third_level(demo):
    assert set(Comment.objects.values_list("level", flat=True)) == {0, 1, 2}


def test_root_comments_carry_their_own_id_as_tree_and_parent(demo):
    for root in Comment.objects.filter(level=0):
        assert (root.thread_id, root.parent_id, root.order) == (root.pk, root.pk, 1)


def test_replies_sit_one_level_below_a_parent_of_the_same_thread_and_tree(demo):
    by_id = {c.pk: c for c in Comment.objects.all()}
    for reply in by_id.values():
        if reply.level == 0:
            continue
        parent = by_id[reply.parent_id]
        assert reply.level == parent.level + 1
        assert reply.thread_id == parent.thread_id
        assert reply.forum_thread_id == parent.forum_thread_id


def test_each_tree_is_numbered_from_one_in_display_order(demo):
    trees = defaultdict(list)
    for comment in Comment.objects.order_by("thread_id", "order"):
        trees[comment.thread_id].append(comment)
    for rows in trees.values():
        assert [c.order for c in rows] == list(range(1, len(rows) + 1))
        # Display order: each reply comes after its parent.
        seen = set()
        for comment in rows:
            assert comment.level == 0 or comment.parent_id in seen
            seen.add(comment.pk)


def test_nested_counts_match_the_replies(demo):
    by_id = {c.pk: c for c in Comment.objects.all()}
    expected = defaultdict(int)
    for comment in by_id.values():
        ancestor = comment
        while ancestor.level > 0:
            ancestor = by_id[ancestor.parent_id]
            expected[ancestor.pk] += 1
    for comment in by_id.values():
        assert comment.nested_count == expected[comment.pk], comment.pk


def test_messages_are_rendered_and_dated_in_order_in_the_past(demo):
    now = timezone.now()
    for thread in Thread.objects.all():
        assert thread.body_html and thread.created_at < now
        dates = list(thread.comments.order_by("pk").values_list("submit_date", flat=True))
        assert dates == sorted(dates), thread.title
        assert all(thread.created_at < date < now for date in dates), thread.title
        assert thread.last_activity_at <= now
    assert not Comment.objects.filter(body_html="").exists()


def test_threads_have_different_last_activities(demo):
    assert Thread.objects.values("last_activity_at").distinct().count() >= 5


def test_a_few_comments_are_liked_never_by_their_author(demo):
    assert likes().count() >= 10
    assert not likes().filter(user=F("comment__user")).exists()


def test_one_comment_is_hidden_by_the_initiatives_porteur_with_a_reason(demo):
    hidden = Comment.objects.select_related("forum_thread").get(status=Comment.Status.HIDDEN)
    assert hidden.hidden_reason
    assert hidden.moderated_by_id is not None
    assert (
        Membership.objects.porteurs()
        .filter(initiative=hidden.forum_thread.page_id, user=hidden.moderated_by_id)
        .exists()
    )


def test_the_moderators_queue_holds_one_held_and_one_flagged_comment(demo):
    waiting = Comment.objects.exclude(status__in=[Comment.Status.PUBLISHED, Comment.Status.HIDDEN])
    assert sorted(waiting.values_list("status", flat=True)) == [
        Comment.Status.FLAGGED,
        Comment.Status.HELD,
    ]
    flagged = waiting.get(status=Comment.Status.FLAGGED)
    reports = Report.objects.filter(
        content_type=ContentType.objects.get_for_model(Comment), object_id=flagged.pk
    )
    assert reports.values("reporter").distinct().count() == settings.FORUM_FLAGS_TO_HIDE


def test_xtd_own_visibility_flags_stay_at_their_defaults(demo):
    assert not Comment.objects.filter(is_public=False).exists()
    assert not Comment.objects.filter(is_removed=True).exists()


def test_one_deleted_comment_keeps_its_published_reply(demo):
    deleted = Comment.objects.get(deleted_at__isnull=False)
    assert Comment.objects.published().filter(parent_id=deleted.pk).exclude(pk=deleted.pk)


def test_one_thread_is_pinned_and_another_closed(demo):
    pinned = Thread.objects.filter(pinned=True)
    closed = Thread.objects.filter(closed=True)
    assert pinned.count() == 1 and closed.count() == 1
    assert pinned.get() != closed.get()


def test_authors_follow_the_threads_they_wrote_in(demo):
    for thread in Thread.objects.all():
        followers = set(ThreadFollow.objects.filter(thread=thread).values_list("user", flat=True))
        writers = set(thread.comments.values_list("user", flat=True)) | {thread.author_id}
        assert writers <= followers, thread.title


def test_demo_authors_cannot_sign_in(demo):
    authors = get_user_model().objects.filter(forum_threads__isnull=False).distinct()
    assert authors.exists()
    assert not [user for user in authors if user.has_usable_password()]


def test_loading_the_demo_tells_no_follower(demo, monkeypatch):
    # The module's demo is loaded already: without its discussions, the command writes them all
    # again (the pages, initiatives and citizens it finds are left as they are).
    threads = Thread.objects.count()
    Thread.objects.all().delete()
    assert not Comment.objects.exists()
    told = []
    monkeypatch.setattr(notifications, "comment_published", told.append)
    call_command("load_demo_content", verbosity=0)
    assert Thread.objects.count() == threads
    assert Comment.objects.exists()
    assert told == []


def test_second_run_creates_nothing(demo):
    def counts():
        return (
            Thread.objects.count(),
            Comment.objects.count(),
            likes().count(),
            ThreadFollow.objects.count(),
            get_user_model().objects.count(),
        )

    before = counts()
    call_command("load_demo_content", verbosity=0)
    assert counts() == before
