"""Reports made by an account deleted since stay, without a reporter: still one report per
reporter, still counted towards hiding what they report, even when several reporters are
gone (their reports all have no reporter, yet they were distinct people)."""

import pytest
from wagtail import hooks

from accounts.erasure import delete_account
from cms_pages.extension_points import REPORTABLE
from moderation import reports
from moderation.models import Report
from tests.factories import UserFactory, site_with_home_page

from .example import AccountReportable

pytestmark = pytest.mark.django_db


def build_world():
    site_with_home_page()
    return {"target": UserFactory(), "reporters": [UserFactory() for _ in range(3)]}


@pytest.fixture
def example():
    reportable = AccountReportable()
    reportable.hide_threshold = 3
    with hooks.register_temporarily(REPORTABLE, lambda: reportable):
        yield reportable


def test_reports_of_two_deleted_accounts_count_as_two_reporters(world, example):
    first, second, third = world["reporters"]
    target = world["target"]
    for reporter in (first, second):
        reports.file_report(example, target, reporter, Report.Reason.SPAM)
        delete_account(reporter)
    assert list(Report.objects.values_list("reporter", flat=True)) == [None, None]

    reports.file_report(example, target, third, Report.Reason.SPAM)

    assert example.hidden == [(target.pk, 3)]


def test_a_deleted_accounts_report_does_not_block_a_new_one(world, example):
    first, second, _third = world["reporters"]
    target = world["target"]
    reports.file_report(example, target, first, Report.Reason.SPAM)
    delete_account(first)

    reports.file_report(example, target, second, Report.Reason.OTHER)

    assert Report.objects.filter(object_id=target.pk).count() == 2
    with pytest.raises(reports.AlreadyReported):
        reports.file_report(example, target, second, Report.Reason.OTHER)
