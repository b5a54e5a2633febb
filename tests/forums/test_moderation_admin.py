"""The moderators' queue of forum comments in the Wagtail admin: what it lists, its decisions,
who reaches it."""

import pytest
from django.urls import reverse

from forums import moderation
from forums.models import Comment
from moderation.models import Report
from tests.initiatives.core_helpers import editor

from . import moderation_helpers as helpers
from .core_helpers import client_for, comment, moderator

pytestmark = pytest.mark.django_db


def build_world():
    """The moderation tests' world (``reported_world()``), built once for the module."""
    return helpers.reported_world()


QUEUE = "forums_moderation_queue"


def decide_url(target):
    return reverse("forums_moderation_decide", args=[target.pk])


def flagged(w):
    for reporter in helpers.reporters(3):
        helpers.report(w.enjeu_comment, reporter, Report.Reason.OFFENSIVE, "Insulte un voisin.")
    return helpers.fresh_comment(w.enjeu_comment)


def held(w):
    return comment(w.enjeu_thread, w.citizen, "Voyez https://a.example et https://b.example")


def test_the_queue_lists_flagged_and_held_comments_with_their_reports(world):
    flagged(world)
    waiting = held(world)

    response = client_for(moderator()).get(reverse(QUEUE))

    content = response.content.decode()
    assert response.status_code == 200
    assert f'data-queue-comment="{world.enjeu_comment.pk}"' in content
    assert f'data-queue-comment="{waiting.pk}"' in content
    assert "Insulte un voisin." in content
    assert world.enjeu_thread.get_absolute_url() in content


def test_the_queue_lists_published_comments_with_open_reports(world):
    helpers.report(world.initiative_comment, world.citizen)

    content = client_for(moderator()).get(reverse(QUEUE)).content.decode()

    assert f'data-queue-comment="{world.initiative_comment.pk}"' in content


def test_the_queue_leaves_out_published_comments_without_reports(world):
    content = client_for(moderator()).get(reverse(QUEUE)).content.decode()

    assert "data-queue-empty" in content
    assert f'data-queue-comment="{world.enjeu_comment.pk}"' not in content


def test_the_queue_can_show_held_comments_only(world):
    flagged(world)
    waiting = held(world)

    content = client_for(moderator()).get(reverse(QUEUE), {"show": "held"}).content.decode()

    assert f'data-queue-comment="{waiting.pk}"' in content
    assert f'data-queue-comment="{world.enjeu_comment.pk}"' not in content


def test_the_queue_escapes_what_citizens_typed(world):
    nasty = comment(world.enjeu_thread, helpers.old_account(), "<script>alert(1)</script>")
    helpers.report(nasty, world.citizen, Report.Reason.SPAM, "<img src=x onerror=alert(1)>")

    content = client_for(moderator()).get(reverse(QUEUE)).content.decode()

    assert "<script>alert(1)</script>" not in content
    assert "<img src=x" not in content


def test_the_queue_runs_a_bounded_number_of_queries(world, django_assert_max_num_queries):
    client = client_for(moderator())
    client.get(reverse(QUEUE))
    for _ in range(15):
        target = comment(world.enjeu_thread, helpers.old_account(), "Encore un message.")
        helpers.report(target, world.citizen)

    with django_assert_max_num_queries(25):
        client.get(reverse(QUEUE))


def test_a_moderator_publishes_a_held_comment_from_the_queue(world):
    waiting = held(world)

    response = client_for(moderator()).post(decide_url(waiting), {"decision": "publish"})

    assert response.status_code == 302
    assert helpers.fresh_comment(waiting).status == Comment.Status.PUBLISHED


def test_publishing_a_flagged_comment_resolves_its_reports(world):
    flagged(world)

    client_for(moderator()).post(decide_url(world.enjeu_comment), {"decision": "publish"})

    assert helpers.fresh_comment(world.enjeu_comment).status == Comment.Status.PUBLISHED
    assert not helpers.reports_of(world.enjeu_comment).filter(status=Report.Status.OPEN).exists()


def test_a_moderator_keeps_a_flagged_comment_hidden_with_a_reason(world):
    flagged(world)
    mod = moderator()

    client_for(mod).post(
        decide_url(world.enjeu_comment), {"decision": "hide", "reason": "Propos injurieux."}
    )

    kept = helpers.fresh_comment(world.enjeu_comment)
    assert (kept.status, kept.hidden_reason, kept.moderated_by) == (
        Comment.Status.HIDDEN,
        "Propos injurieux.",
        mod,
    )
    assert moderation.HIDE in helpers.log_actions(world.enjeu_comment)


def test_hiding_from_the_queue_without_a_reason_answers_400_and_changes_nothing(world):
    flagged(world)

    response = client_for(moderator()).post(
        decide_url(world.enjeu_comment), {"decision": "hide", "reason": " "}
    )

    assert response.status_code == 400
    assert helpers.fresh_comment(world.enjeu_comment).status == Comment.Status.FLAGGED


def test_a_too_long_reason_in_the_queue_answers_400_and_keeps_the_typed_text(world):
    flagged(world)
    reason = "Beaucoup trop long. " * 30

    response = client_for(moderator()).post(
        decide_url(world.enjeu_comment), {"decision": "hide", "reason": reason}
    )

    assert response.status_code == 400
    assert reason.strip() in response.content.decode()
    assert helpers.fresh_comment(world.enjeu_comment).status == Comment.Status.FLAGGED


def test_an_unknown_decision_answers_400(world):
    flagged(world)

    response = client_for(moderator()).post(decide_url(world.enjeu_comment), {"decision": "delete"})

    assert response.status_code == 400
    assert helpers.fresh_comment(world.enjeu_comment).status == Comment.Status.FLAGGED


def test_decisions_refuse_get(world):
    response = client_for(moderator()).get(decide_url(world.enjeu_comment))

    assert response.status_code == 405


@pytest.mark.parametrize("role", ["citizen", "porteur"])
def test_only_moderators_reach_the_queue(world, role):
    flagged(world)
    client = client_for(getattr(world, role))

    assert client.get(reverse(QUEUE)).status_code in (302, 403)
    response = client.post(decide_url(world.enjeu_comment), {"decision": "publish"})
    assert response.status_code in (302, 403)
    assert helpers.fresh_comment(world.enjeu_comment).status == Comment.Status.FLAGGED


def test_the_admin_menu_shows_the_queue_to_moderators_only():
    queue_url = reverse(QUEUE)

    assert queue_url in client_for(moderator()).get(reverse("wagtailadmin_home")).content.decode()
    assert queue_url not in client_for(editor()).get(reverse("wagtailadmin_home")).content.decode()
