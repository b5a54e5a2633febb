"""The moderation service (forums.moderation): hide and restore comments, reports and the
three-distinct-reporters rule, thread settings; permissions and audit log."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from forums import moderation, posting
from forums.models import Comment, DigestEntry
from moderation.models import Report

from . import moderation_helpers as helpers
from .core_helpers import comment, moderator

pytestmark = pytest.mark.django_db


def build_world():
    """The moderation tests' world (``reported_world()``), built once for the module."""
    return helpers.reported_world()


# Hiding and restoring.


def test_a_moderator_hides_a_comment_with_a_reason_the_author_can_read(world):
    mod = moderator()

    moderation.hide(world.enjeu_comment, mod, "  Propos blessants envers un voisin.  ")

    hidden = helpers.fresh_comment(world.enjeu_comment)
    assert hidden.status == Comment.Status.HIDDEN
    assert hidden.hidden_reason == "Propos blessants envers un voisin."
    assert hidden.moderated_by == mod


def test_hiding_is_recorded_in_the_audit_log_with_the_reason(world):
    mod = moderator()

    moderation.hide(world.enjeu_comment, mod, "Hors sujet.")

    assert helpers.log_actions(world.enjeu_comment) == [moderation.HIDE]


def test_hiding_without_a_reason_is_refused_and_changes_nothing(world):
    with pytest.raises(ValidationError):
        moderation.hide(world.enjeu_comment, moderator(), "   ")

    assert helpers.fresh_comment(world.enjeu_comment).status == Comment.Status.PUBLISHED


def test_a_reason_longer_than_500_characters_is_refused(world):
    with pytest.raises(ValidationError):
        moderation.hide(world.enjeu_comment, moderator(), "x" * 501)

    assert helpers.fresh_comment(world.enjeu_comment).hidden_reason == ""


def test_hiding_a_comment_keeps_its_replies_as_they_were(world):
    reply = comment(world.enjeu_thread, world.citizen, "Une réponse.", parent=world.enjeu_comment)

    moderation.hide(world.enjeu_comment, moderator(), "Hors sujet.")

    assert helpers.fresh_comment(reply).status == Comment.Status.PUBLISHED


def test_a_hidden_reply_stays_hidden_when_its_parent_is_edited(world):
    reply = comment(world.enjeu_thread, world.citizen, "Une réponse.", parent=world.enjeu_comment)
    moderation.hide(reply, moderator(), "Hors sujet.")

    parent = helpers.fresh_comment(world.enjeu_comment)
    parent.comment = "Message corrigé."
    parent.save()

    assert helpers.fresh_comment(reply).status == Comment.Status.HIDDEN


def test_a_moderator_restores_a_hidden_comment(world):
    mod = moderator()
    moderation.hide(world.enjeu_comment, mod, "Erreur de ma part.")

    moderation.restore(world.enjeu_comment, mod)

    restored = helpers.fresh_comment(world.enjeu_comment)
    assert restored.status == Comment.Status.PUBLISHED
    assert restored.hidden_reason == ""
    assert helpers.log_actions(world.enjeu_comment) == [moderation.HIDE, moderation.RESTORE]


def test_restoring_a_held_comment_publishes_it_and_tells_the_followers(world):
    follower = helpers.old_account()
    posting.follow(world.enjeu_thread, follower)
    follower.discussion_emails = follower.DiscussionEmails.DAILY
    follower.save()
    held = comment(world.enjeu_thread, world.citizen, "https://a.example https://b.example")
    assert held.status == Comment.Status.HELD

    moderation.restore(held, moderator())

    assert helpers.fresh_comment(held).status == Comment.Status.PUBLISHED
    assert DigestEntry.objects.filter(user=follower, comment=held).exists()


def test_hiding_resolves_the_open_reports_of_the_comment(world):
    helpers.report(world.enjeu_comment, world.citizen)

    moderation.hide(world.enjeu_comment, moderator(), "Publicité.")

    assert list(helpers.reports_of(world.enjeu_comment).values_list("status", flat=True)) == [
        Report.Status.RESOLVED
    ]


def test_restoring_resolves_the_open_reports_of_the_comment(world):
    helpers.report(world.enjeu_comment, world.citizen)

    moderation.restore(world.enjeu_comment, moderator())

    assert not helpers.reports_of(world.enjeu_comment).filter(status=Report.Status.OPEN).exists()


def test_a_citizen_cannot_hide_a_comment(world):
    with pytest.raises(PermissionDenied):
        moderation.hide(world.enjeu_comment, world.citizen, "Je n'aime pas.")

    assert helpers.fresh_comment(world.enjeu_comment).status == Comment.Status.PUBLISHED


def test_a_porteur_hides_a_comment_in_their_initiative_thread(world):
    moderation.hide(world.initiative_comment, world.porteur, "Message en double.")

    assert helpers.fresh_comment(world.initiative_comment).status == Comment.Status.HIDDEN


def test_a_porteur_cannot_hide_a_comment_in_an_enjeu_thread(world):
    with pytest.raises(PermissionDenied):
        moderation.hide(world.enjeu_comment, world.porteur, "Hors sujet.")


def test_a_porteur_cannot_hide_a_comment_of_another_initiative(world):
    other_porteur = helpers.other_initiative_porteur()

    with pytest.raises(PermissionDenied):
        moderation.hide(world.initiative_comment, other_porteur, "Hors sujet.")


def test_a_plain_member_cannot_hide_a_comment_of_their_initiative(world):
    with pytest.raises(PermissionDenied):
        moderation.hide(world.initiative_comment, world.member, "Hors sujet.")


# Reports.


def test_a_report_is_stored_with_its_reason_and_details(world):
    report = helpers.report(
        world.enjeu_comment, world.citizen, Report.Reason.OFFENSIVE, "  Insulte un voisin.  "
    )

    assert (report.target, report.reporter, report.reason, report.details) == (
        helpers.fresh_comment(world.enjeu_comment),
        world.citizen,
        Report.Reason.OFFENSIVE,
        "Insulte un voisin.",
    )


def test_reporting_the_same_comment_twice_is_refused_and_stored_once(world):
    helpers.report(world.enjeu_comment, world.citizen)

    with pytest.raises(moderation.AlreadyReported):
        helpers.report(world.enjeu_comment, world.citizen, Report.Reason.OTHER)

    assert helpers.reports_of(world.enjeu_comment).count() == 1


def test_two_reports_leave_the_comment_published(world):
    for reporter in helpers.reporters(2):
        helpers.report(world.enjeu_comment, reporter)

    assert helpers.fresh_comment(world.enjeu_comment).status == Comment.Status.PUBLISHED


def test_three_distinct_reporters_hide_the_comment_pending_review(world):
    for reporter in helpers.reporters(3):
        helpers.report(world.enjeu_comment, reporter)

    assert helpers.fresh_comment(world.enjeu_comment).status == Comment.Status.FLAGGED
    assert moderation.FLAG in helpers.log_actions(world.enjeu_comment)


@override_settings(FORUM_FLAGS_TO_HIDE=2)
def test_the_number_of_reporters_that_hide_a_comment_is_a_setting(world):
    for reporter in helpers.reporters(2):
        helpers.report(world.enjeu_comment, reporter)

    assert helpers.fresh_comment(world.enjeu_comment).status == Comment.Status.FLAGGED


def test_one_member_reporting_many_times_counts_once(world):
    first, second = helpers.reporters(2)
    helpers.report(world.enjeu_comment, first)
    for _ in range(3):
        with pytest.raises(moderation.AlreadyReported):
            helpers.report(world.enjeu_comment, first)
    helpers.report(world.enjeu_comment, second)

    assert helpers.fresh_comment(world.enjeu_comment).status == Comment.Status.PUBLISHED


def test_reports_resolved_by_a_moderator_no_longer_count(world):
    for reporter in helpers.reporters(2):
        helpers.report(world.enjeu_comment, reporter)
    moderation.restore(world.enjeu_comment, moderator())

    helpers.report(world.enjeu_comment, world.citizen)

    assert helpers.fresh_comment(world.enjeu_comment).status == Comment.Status.PUBLISHED


def test_a_flagged_comment_kept_published_by_a_moderator_is_shown_again(world):
    for reporter in helpers.reporters(3):
        helpers.report(world.enjeu_comment, reporter)

    moderation.restore(world.enjeu_comment, moderator())

    assert helpers.fresh_comment(world.enjeu_comment).status == Comment.Status.PUBLISHED


def test_a_moderator_keeps_a_flagged_comment_hidden_with_a_reason(world):
    for reporter in helpers.reporters(3):
        helpers.report(world.enjeu_comment, reporter)

    moderation.hide(world.enjeu_comment, moderator(), "Propos injurieux.")

    kept = helpers.fresh_comment(world.enjeu_comment)
    assert (kept.status, kept.hidden_reason) == (Comment.Status.HIDDEN, "Propos injurieux.")
    assert not helpers.reports_of(world.enjeu_comment).filter(status=Report.Status.OPEN).exists()


def test_a_deleted_comment_cannot_be_reported(world):
    Comment.objects.filter(pk=world.enjeu_comment.pk).update(deleted_at="2025-01-01T00:00:00Z")

    with pytest.raises(PermissionDenied):
        helpers.report(world.enjeu_comment, world.citizen)

    assert not helpers.reports_of(world.enjeu_comment).exists()


# Threads.


@pytest.mark.parametrize(
    ("action", "field", "value"),
    [("close", "closed", True), ("pin", "pinned", True)],
)
def test_a_moderator_closes_or_pins_a_thread(world, action, field, value):
    moderation.set_thread(world.enjeu_thread, moderator(), action)

    assert getattr(helpers.fresh_thread(world.enjeu_thread), field) is value


def test_a_moderator_reopens_a_closed_thread(world):
    mod = moderator()
    moderation.set_thread(world.enjeu_thread, mod, "close")

    moderation.set_thread(world.enjeu_thread, mod, "open")

    assert helpers.fresh_thread(world.enjeu_thread).closed is False


def test_a_closed_thread_refuses_new_comments_from_citizens(world):
    moderation.set_thread(world.enjeu_thread, moderator(), "close")

    assert not world.citizen.has_perm(
        "forums.post_comment", helpers.fresh_thread(world.enjeu_thread)
    )


def test_thread_settings_are_recorded_in_the_audit_log(world):
    mod = moderator()

    moderation.set_thread(world.enjeu_thread, mod, "close")
    moderation.set_thread(world.enjeu_thread, mod, "pin")

    assert helpers.log_actions(world.enjeu_thread) == [moderation.CLOSE, moderation.PIN]


def test_asking_for_the_state_a_thread_already_has_changes_and_logs_nothing(world):
    mod = moderator()
    moderation.set_thread(world.enjeu_thread, mod, "close")

    _thread, changed = moderation.set_thread(world.enjeu_thread, mod, "close")

    assert changed is False
    assert helpers.log_actions(world.enjeu_thread) == [moderation.CLOSE]


def test_a_porteur_keeps_their_initiative_thread_to_members(world):
    moderation.set_thread(world.initiative_thread, world.porteur, "members_only")

    assert helpers.fresh_thread(world.initiative_thread).members_only is True


def test_a_porteur_cannot_close_an_enjeu_thread(world):
    with pytest.raises(PermissionDenied):
        moderation.set_thread(world.enjeu_thread, world.porteur, "close")

    assert helpers.fresh_thread(world.enjeu_thread).closed is False


def test_a_porteur_cannot_pin_a_thread_of_another_initiative(world):
    with pytest.raises(PermissionDenied):
        moderation.set_thread(world.initiative_thread, helpers.other_initiative_porteur(), "pin")


def test_an_enjeu_thread_cannot_be_kept_to_members(world):
    with pytest.raises(PermissionDenied):
        moderation.set_thread(world.enjeu_thread, moderator(), "members_only")
