"""Reporting an initiative: the shared Report, once per citizen, never by its members."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from initiatives.models import InitiativePage
from moderation.models import Report
from tests.factories import UserFactory
from tests.initiatives import membership_helpers as helpers

pytestmark = pytest.mark.django_db


def build_world():
    """A site with the initiative index and the initiative ``page`` (see ``make_page``),
    built once for the module."""
    index = helpers.index_page()
    return {"index": index, "page": make_page(index)}


@pytest.fixture
def index(world):
    return world["index"]


@pytest.fixture
def page(world):
    return world["page"]


def make_page(index):
    return helpers.initiative(index)


@pytest.fixture
def citizen(client):
    user = UserFactory()
    client.force_login(user)
    return user


def url(page):
    return reverse("initiatives:report", args=[page.pk])


def report(client, page, reason="spam", details=""):
    return client.post(url(page), {"reason": reason, "details": details})


def test_report_is_stored_with_its_target_reporter_and_reason(client, page, citizen):
    report(client, page, reason="offensive", details="Propos insultants.")
    stored = Report.objects.get()
    assert (stored.object_id, stored.reporter, stored.reason, stored.details, stored.status) == (
        page.pk,
        citizen,
        "offensive",
        "Propos insultants.",
        "open",
    )
    assert stored.content_type == ContentType.objects.get_for_model(InitiativePage)


def test_report_leads_back_to_the_initiative(client, page, citizen):
    assert report(client, page).url == page.url
    assert Report.objects.filter(reporter=citizen).count() == 1


def test_second_report_by_the_same_citizen_is_refused_without_error(client, page, citizen):
    report(client, page)
    response = report(client, page, reason="other")
    assert response.status_code == 302
    assert list(Report.objects.values_list("reason", flat=True)) == ["spam"]


def test_two_citizens_may_report_the_same_initiative(client, page):
    for _ in range(2):
        client.force_login(UserFactory())
        report(client, page)
    assert Report.objects.count() == 2


@pytest.mark.parametrize("role", ["membre", "porteur"])
def test_members_cannot_report_their_initiative(client, page, role):
    member = helpers.add(page, role=role).user
    client.force_login(member)
    assert report(client, page).status_code == 403
    assert not Report.objects.exists()


def test_superuser_member_cannot_report_either(client, page):
    admin = helpers.superuser()
    helpers.add(page, admin)
    client.force_login(admin)
    assert report(client, page).status_code == 403


def test_missing_reason_is_sent_back_with_an_error(client, page, citizen):
    response = client.post(url(page), {"details": "…"})
    assert response.status_code == 400
    assert response.context["form"].errors.as_data()["reason"][0].code == "required"
    assert not Report.objects.exists()


def test_details_longer_than_1000_characters_are_refused(client, page, citizen):
    response = report(client, page, details="x" * 1001)
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_reporting_a_draft_is_not_found(client, index, citizen):
    draft = helpers.initiative(index, live=False)
    assert report(client, draft).status_code == 404
    assert not Report.objects.exists()


def test_report_form_shows_the_initiative(client, page, citizen):
    response = client.get(url(page))
    assert response.status_code == 200
    assert page.title in response.content.decode()


def test_visitor_is_sent_to_log_in(client, page):
    assert client.get(url(page)).url.startswith(reverse("account_login"))
