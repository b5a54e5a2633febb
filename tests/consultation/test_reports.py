"""Reports on a contribution: a reason, once per citizen, never by its author."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from consultation.models import Contribution
from moderation.models import Report
from tests.consultation.contribute_helpers import citizen_world
from tests.factories import ContributionFactory, UserFactory

pytestmark = pytest.mark.django_db


build_world = citizen_world  # once per module (tests/worlds.py)


@pytest.fixture
def home_page(world):
    return world.home


@pytest.fixture
def territory(world):
    return world.territory


@pytest.fixture
def contribution(territory):
    return ContributionFactory(territory=territory)


@pytest.fixture
def citizen(client, world):
    client.force_login(world.citizen)
    return world.citizen


def report_url(contribution):
    return reverse("consultation:report", args=[contribution.pk])


def report(client, contribution, reason="spam", details=""):
    return client.post(report_url(contribution), {"reason": reason, "details": details})


def test_report_is_stored_with_its_target_reporter_and_reason(client, citizen, contribution):
    report(client, contribution, reason="offensive", details="Insulte envers un élu.")
    stored = Report.objects.get()
    assert (stored.target, stored.reporter, stored.reason, stored.details, stored.status) == (
        contribution,
        citizen,
        "offensive",
        "Insulte envers un élu.",
        "open",
    )


def test_report_points_at_the_contribution_model(client, citizen, contribution):
    report(client, contribution)
    assert Report.objects.get().content_type == ContentType.objects.get_for_model(Contribution)


def test_report_leads_back_to_the_contribution(client, citizen, contribution):
    assert report(client, contribution).url == contribution.get_absolute_url()
    assert [(r.target, r.reporter) for r in Report.objects.all()] == [(contribution, citizen)]


def test_second_report_by_the_same_citizen_is_refused_without_error(client, citizen, contribution):
    report(client, contribution)
    response = report(client, contribution, reason="other")
    assert response.status_code == 302
    assert list(Report.objects.values_list("reason", flat=True)) == ["spam"]


def test_two_citizens_may_report_the_same_contribution(client, contribution):
    for _ in range(2):
        client.force_login(UserFactory())
        report(client, contribution)
    assert Report.objects.count() == 2


def test_author_cannot_report_own_contribution(client, citizen, territory):
    contribution = ContributionFactory(territory=territory, author=citizen)
    assert report(client, contribution).status_code == 403
    assert not Report.objects.exists()


@pytest.mark.parametrize("status", ["pending", "hidden", "rejected"])
def test_unpublished_contribution_cannot_be_reported(client, citizen, territory, status):
    contribution = ContributionFactory(territory=territory, status=status)
    assert report(client, contribution).status_code == 404
    assert not Report.objects.exists()


def test_visitor_is_sent_to_login(client, contribution):
    response = report(client, contribution)
    assert response.url.startswith(reverse("account_login"))
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "code"),
    [
        ({"reason": ""}, "reason", "required"),
        ({"reason": "boring"}, "reason", "invalid_choice"),
        ({"reason": "spam", "details": "x" * 1001}, "details", "max_length"),
    ],
    ids=["no reason", "unknown reason", "details of 1001 characters"],
)
def test_bad_report_is_refused_with_a_form_error(client, citizen, contribution, data, field, code):
    response = client.post(report_url(contribution), data)
    assert response.status_code == 400
    assert [e.code for e in response.context["form"].errors.as_data()[field]] == [code]
    assert not Report.objects.exists()


def test_report_page_shows_the_form(client, citizen, contribution):
    response = client.get(report_url(contribution))
    assert response.status_code == 200
    assert "reason" in response.context["form"].fields
    html = response.content.decode()
    assert f'action="{report_url(contribution)}"' in html
    assert 'name="reason"' in html


def test_contribution_page_offers_the_report_form(client, citizen, contribution):
    content = client.get(contribution.get_absolute_url()).content.decode()
    assert f'action="{report_url(contribution)}"' in content


def test_contribution_page_shows_the_reported_state_after_a_report(client, citizen, contribution):
    report(client, contribution)
    content = client.get(contribution.get_absolute_url()).content.decode()
    assert "data-reported" in content
    assert f'action="{report_url(contribution)}"' not in content


def test_author_is_not_offered_the_report_form(client, citizen, territory):
    contribution = ContributionFactory(territory=territory, author=citizen)
    content = client.get(contribution.get_absolute_url()).content.decode()
    assert f'action="{report_url(contribution)}"' not in content
