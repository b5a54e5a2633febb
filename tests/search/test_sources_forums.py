"""Forum threads and comments as search documents: their fields and places; each moderation
decision takes a comment out of the search (or back) at once; thread settings and the thread's
title reach its comments."""

import pytest
from django.urls import reverse

from forums import moderation, posting
from forums.models import Comment, Thread
from moderation.models import Report
from search.models import SearchDocument
from tests import factories
from tests.initiatives.core_helpers import client_for, moderator
from tests.search import sources_helpers as h
from tests.search.sources_helpers import no_leftover_sync  # noqa: F401

pytestmark = pytest.mark.django_db

LINKS = "https://a.example https://b.example"


def build_world():
    """The indexed tree, built once for the module (the ``world`` fixture: a copy per test)."""
    return h.tree()


@pytest.fixture
def thread(world):
    return h.thread(world, territory=world["territory"], enjeu=world["enjeu"])


def test_an_enjeu_thread_document(world, thread):
    row = h.document(thread)
    assert row.kind == "thread"
    assert row.title == "Des bus le dimanche"
    assert row.text == "Qui est partant ?"
    assert row.url == thread.get_absolute_url()
    assert row.date == Thread.objects.get(pk=thread.pk).last_activity_at
    assert h.places(row) == {("territory", world["territory"].pk), ("enjeu", world["enjeu"].pk)}


def test_an_initiative_thread_is_placed_in_the_initiative_s_territories_and_enjeux(world):
    page = h.initiative(world)
    thread = h.thread(world, initiative=page)
    assert h.places(h.document(thread)) == {
        ("territory", world["territory"].pk),
        ("enjeu", world["enjeu"].pk),
    }
    assert h.document(thread).url == thread.get_absolute_url()
    assert h.document(thread).url.startswith(f"/initiatives/{page.pk}/discussions/")


def test_a_comment_document_carries_its_thread_s_title_and_places(world, thread, engine):
    comment = h.comment(thread, world["author"], "Un minibus électrique le dimanche.")
    row = h.document(comment)
    assert row.kind == "comment"
    assert row.title == "Des bus le dimanche"
    assert row.text == "Un minibus électrique le dimanche."
    assert row.url == thread.get_absolute_url() + f"#c{comment.pk}"
    assert row.date == Comment.objects.get(pk=comment.pk).submit_date
    assert h.places(row) == h.places(h.document(thread))
    assert h.found(engine, "minibus") == [h.key(comment)]


def test_a_new_comment_moves_the_thread_s_date(world, thread):
    before = h.document(thread).date
    h.comment(thread, world["author"])
    assert h.document(thread).date > before


def test_renaming_a_thread_renames_its_comments(world, thread):
    comment = h.comment(thread, world["author"])
    with h.committed():
        thread.title = "Des cars le dimanche"
        thread.save()
    assert h.document(comment).title == "Des cars le dimanche"
    assert h.document(comment).url.startswith(thread.get_absolute_url())


def test_hiding_removes_a_comment_and_restoring_brings_it_back(world, thread, engine):
    comment = h.comment(thread, world["author"], "Message fuitemasque")
    with h.committed():
        moderation.hide(comment, moderator(), "Hors sujet.")
    assert h.document(comment) is None
    h.assert_never_found(engine, "fuitemasque")
    with h.committed():
        moderation.restore(comment, moderator())
    assert h.found(engine, "fuitemasque") == [h.key(comment)]


def test_the_admin_queue_s_decisions_reach_the_search(world, thread, engine):
    comment = h.comment(thread, world["author"], "Message fuitefile")
    url = reverse("forums_moderation_decide", args=[comment.pk])
    admin = client_for(moderator())
    with h.committed():
        admin.post(url, {"decision": "hide", "reason": "Hors sujet."})
    h.assert_never_found(engine, "fuitefile")
    with h.committed():
        admin.post(url, {"decision": "publish"})
    assert h.found(engine, "fuitefile") == [h.key(comment)]


def test_three_reports_remove_a_comment_pending_review(world, thread, engine):
    comment = h.comment(thread, world["author"], "Message fuitesignale")
    for _ in range(3):
        with h.committed():
            moderation.report(comment, factories.UserFactory(), Report.Reason.SPAM)
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.FLAGGED
    h.assert_never_found(engine, "fuitesignale")


def test_a_held_comment_enters_the_search_when_a_moderator_publishes_it(world, thread, engine):
    newcomer = factories.UserFactory()
    held = h.comment(thread, newcomer, f"Voir fuiteattente {LINKS}")
    assert held.status == Comment.Status.HELD
    h.assert_never_found(engine, "fuiteattente")
    with h.committed():
        moderation.restore(held, moderator())
    assert h.found(engine, "fuiteattente") == [h.key(held)]


def test_publishing_a_held_comment_moves_the_thread_s_date(world, thread):
    held = h.comment(thread, factories.UserFactory(), LINKS)
    before = h.document(thread).date
    with h.committed():
        posting.publish_held(held, moderator())
    assert h.document(thread).date > before


def test_deleting_one_s_comment_removes_it(world, thread, engine):
    comment = h.comment(thread, world["author"], "Message fuitesupprime")
    with h.committed():
        response = client_for(world["author"]).post(
            reverse("forums:comment-delete", args=[comment.pk])
        )
    assert response.status_code == 302
    assert h.document(comment) is None
    h.assert_never_found(engine, "fuitesupprime")


def test_a_members_only_thread_leaves_with_its_comments_and_comes_back(world):
    page = h.initiative(world)
    thread = h.thread(world, initiative=page)
    comment = h.comment(thread, world["author"])
    with h.committed():
        moderation.set_thread(thread, moderator(), "members_only")
    assert h.document(thread) is None
    assert h.document(comment) is None
    with h.committed():
        moderation.set_thread(thread, moderator(), "public")
    assert h.document(thread) is not None
    assert h.document(comment) is not None


def test_unpublishing_an_enjeu_removes_its_threads_and_comments(world, thread):
    comment = h.comment(thread, world["author"])
    with h.committed():
        world["enjeu"].unpublish()
    assert h.document(thread) is None
    assert h.document(comment) is None
    with h.committed():
        world["enjeu"].save_revision().publish()
    assert h.document(thread) is not None
    assert h.document(comment) is not None


def test_restricting_an_enjeu_removes_its_threads_and_comments(world, thread):
    comment = h.comment(thread, world["author"])
    with h.committed():
        h.restrict(world["enjeu"])
    assert h.document(thread) is None
    assert h.document(comment) is None


def test_an_enjeu_slug_change_reaches_its_threads_and_comments(world, thread):
    comment = h.comment(thread, world["author"])
    enjeu = world["enjeu"]
    with h.committed():
        enjeu.slug = "mobilites"
        enjeu.save_revision().publish()
    assert h.document(thread).url.startswith("/enjeux/mobilites/discussions/")
    assert h.document(comment).url.startswith("/enjeux/mobilites/discussions/")


def test_deleting_a_thread_removes_it_and_its_comments(world, thread):
    comment = h.comment(thread, world["author"])
    keys = [h.key(thread), h.key(comment)]
    with h.committed():
        thread.delete()
    assert not SearchDocument.objects.filter(key__in=keys).exists()
