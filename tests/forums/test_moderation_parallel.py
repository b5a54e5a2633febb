"""Reports arriving at the same moment (PostgreSQL, where ``select_for_update`` really locks):
three distinct reporters always hide the comment; one member reporting many times at once
counts once."""

import pytest

from forums.models import Comment
from tests.parallel import run_together

from . import moderation_helpers as helpers

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_three_members_reporting_at_once_hide_the_comment_pending_review():
    w = helpers.reported_world()
    target = w.enjeu_comment

    outcomes = run_together(
        *[lambda r=reporter: helpers.report(target, r) for reporter in helpers.reporters(3)]
    )

    assert outcomes == [None, None, None]
    assert helpers.reports_of(target).count() == 3
    assert helpers.fresh_comment(target).status == Comment.Status.FLAGGED


def test_six_members_reporting_at_once_hide_the_comment_once():
    w = helpers.reported_world()
    target = w.enjeu_comment

    outcomes = run_together(
        *[lambda r=reporter: helpers.report(target, r) for reporter in helpers.reporters(6)]
    )

    assert outcomes == [None] * 6
    assert helpers.fresh_comment(target).status == Comment.Status.FLAGGED
    assert helpers.log_actions(target).count("forums.flag_comment") == 1


def test_one_member_reporting_many_times_at_once_counts_once():
    w = helpers.reported_world()
    target = w.enjeu_comment
    first, second = helpers.reporters(2)

    outcomes = run_together(*[lambda: helpers.report(target, first) for _ in range(5)])
    helpers.report(target, second)

    assert sum(outcome is None for outcome in outcomes) == 1
    assert all(
        isinstance(outcome, helpers.moderation.AlreadyReported)
        for outcome in outcomes
        if outcome is not None
    )
    assert helpers.reports_of(target).filter(reporter=first).count() == 1
    assert helpers.fresh_comment(target).status == Comment.Status.PUBLISHED


def test_two_members_reporting_many_times_at_once_leave_the_comment_published():
    w = helpers.reported_world()
    target = w.enjeu_comment
    first, second = helpers.reporters(2)

    run_together(
        *[lambda r=reporter: helpers.report(target, r) for reporter in [first, second] * 4]
    )

    assert helpers.reports_of(target).count() == 2
    assert helpers.fresh_comment(target).status == Comment.Status.PUBLISHED
