"""The core's reports: the registry of reportables and the generic report view, with an
example reportable (citizens' accounts) registered for the test only."""

import ast
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from wagtail import hooks
from wagtail.models import ModelLogEntry

from accounts.rules import MODERATORS
from cms_pages.extension_points import REPORTABLE
from moderation import reports
from moderation.audit import RESOLVE_REPORT
from moderation.models import Report
from moderation.registry import get_reportable, reportable_for, reportables
from tests.factories import UserFactory, site_with_home_page, staff_login

from .example import AccountReportable

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.moderation.urls")]

PLUGINS = {"consultation", "initiatives", "forums", "search"}


def build_world():
    site_with_home_page()
    return {"target": UserFactory(display_name="Camille <b>"), "citizen": UserFactory()}


@pytest.fixture
def example():
    """The example reportable, registered while the test runs."""
    reportable = AccountReportable()
    with hooks.register_temporarily(REPORTABLE, lambda: reportable):
        yield reportable


@pytest.fixture
def target(world):
    return world["target"]


@pytest.fixture
def citizen(world):
    return world["citizen"]


def client_for(user):
    """Signed in, with the second factor the admin asks staff for."""
    return staff_login(Client(), user)


def url(target):
    return reverse("example-report", args=[target.pk])


def report_data(**overrides):
    return {"reason": Report.Reason.SPAM, "details": "  De la publicité.  ", **overrides}


def messages_of(response):
    """The messages the response's request queued."""
    return [str(message) for message in get_messages(response.wsgi_request)]


# The registry.


def test_a_registered_reportable_is_found_by_its_model_label(example):
    assert get_reportable("accounts.user") is example
    assert reportables()["accounts.user"] is example


def test_a_reportable_is_found_for_its_model_and_its_instances(example, target):
    assert reportable_for(type(target)) is example
    assert reportable_for(target) is example


def test_an_unregistered_model_has_no_reportable():
    assert get_reportable("accounts.user") is None


def test_the_plugins_register_their_reportables():
    assert {"consultation.contribution", "forums.comment", "initiatives.initiativepage"} <= set(
        reportables()
    )


def test_the_moderation_app_imports_no_plugin():
    app = Path(__file__).resolve().parents[2] / "moderation"
    imported = set()
    for source in app.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                imported.add(node.module.split(".")[0])
    assert not imported & PLUGINS


# The generic view.


def test_the_report_page_shows_the_reportable_s_texts_and_the_target(example, target, citizen):
    response = client_for(citizen).get(url(target))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Signaler une contribution</h1>" in html or "<h1>Report a contribution</h1>" in html
    assert '<p class="lead">Say why.</p>' in html
    assert "Son texte de présentation." in html
    assert '<meta name="robots" content="noindex">' in html
    assert f'action="{url(target)}"' in html
    assert 'name="reason"' in html


def test_the_back_link_escapes_the_values_it_is_given(example, target, citizen):
    html = client_for(citizen).get(url(target)).content.decode()

    assert f'<a href="/profil/{target.pk}/">Back to “Camille &lt;b&gt;”</a>' in html
    assert "Camille <b>" not in html


def test_a_report_is_stored_and_leads_back_to_the_target(example, target, citizen):
    response = client_for(citizen).post(url(target), report_data())

    assert response.status_code == 302
    assert response["Location"] == f"/profil/{target.pk}/"
    stored = Report.objects.get()
    assert (stored.target, stored.reporter, stored.reason, stored.details, stored.status) == (
        target,
        citizen,
        "spam",
        "De la publicité.",
        "open",
    )


def test_a_report_says_thank_you(example, target, citizen):
    response = client_for(citizen).post(url(target), report_data())

    assert messages_of(response) == ["Thanks."]


def test_a_second_report_by_the_same_citizen_is_refused_and_said_so(example, target, citizen):
    client = client_for(citizen)
    client.post(url(target), report_data())

    response = client.post(url(target), report_data(reason="other"))

    assert response.status_code == 302
    assert list(Report.objects.values_list("reason", flat=True)) == ["spam"]
    assert messages_of(response)[-1] == "Already."


def test_an_invalid_report_answers_400_with_the_form_and_stores_nothing(example, target, citizen):
    response = client_for(citizen).post(url(target), report_data(reason=""))

    assert response.status_code == 400
    assert "De la publicité." in response.content.decode()
    assert not Report.objects.exists()


def test_a_citizen_who_may_not_report_is_refused(example, target):
    response = client_for(target).post(url(target), report_data())

    assert response.status_code == 403
    assert not Report.objects.exists()


def test_a_target_the_reportable_does_not_find_answers_404(example, target, citizen):
    target.is_active = False
    target.save()

    assert client_for(citizen).get(url(target)).status_code == 404


def test_a_url_naming_no_registered_reportable_answers_404(citizen, target):
    response = client_for(citizen).get(reverse("unknown-report", args=[target.pk]))

    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(example, target):
    response = Client().get(url(target))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


# Hiding pending review.


def test_reports_below_the_threshold_hide_nothing(example, target, citizen):
    client_for(citizen).post(url(target), report_data())

    target.refresh_from_db()
    assert target.is_active
    assert example.locked == [target.pk]


def test_the_threshold_of_distinct_reporters_hides_the_target_once(example, target, citizen):
    for reporter in (citizen, UserFactory(), UserFactory()):
        reports.file_report(example, target, reporter, Report.Reason.SPAM)

    target.refresh_from_db()
    assert not target.is_active
    assert example.hidden == [(target.pk, 2)]


def test_filing_the_same_report_twice_raises_already_reported(example, target, citizen):
    reports.file_report(example, target, citizen, Report.Reason.SPAM)

    with pytest.raises(reports.AlreadyReported):
        reports.file_report(example, target, citizen, Report.Reason.OTHER)
    assert Report.objects.count() == 1


# Resolving.


def test_resolving_the_reports_of_a_target_logs_each_one(example, target, citizen):
    moderator = UserFactory()
    first = reports.file_report(example, target, citizen, Report.Reason.SPAM)
    reports.file_report(example, citizen, target, Report.Reason.SPAM)

    resolved = reports.resolve_reports_of(type(target), [target], moderator)

    assert [report.pk for report in resolved] == [first.pk]
    assert Report.objects.get(pk=first.pk).status == Report.Status.RESOLVED
    assert reports.open_reports(type(target)).get().target == citizen
    entry = ModelLogEntry.objects.get(action=RESOLVE_REPORT)
    assert (entry.action, entry.object_id, entry.user) == (
        "moderation.resolve",
        str(first.pk),
        moderator,
    )
    assert entry.content_type == ContentType.objects.get_for_model(Report)


def test_open_reports_count_annotates_each_row(example, target, citizen):
    reports.file_report(example, target, citizen, Report.Reason.SPAM)
    model = type(target)

    counts = dict(
        model.objects.filter(pk__in=[target.pk, citizen.pk])
        .annotate(n=reports.open_reports_count(model))
        .values_list("pk", "n")
    )

    assert counts == {target.pk: 1, citizen.pk: 0}


# The moderators' queue of reports.


def test_moderators_read_every_report_in_the_admin(example, target, citizen):
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    reports.file_report(example, target, citizen, Report.Reason.SPAM, "Tout en majuscules.")

    client = client_for(moderator)
    response = client.get(reverse("wagtailsnippets_moderation_report:list"))
    home = client.get(reverse("wagtailadmin_home")).content.decode()

    assert response.status_code == 200
    assert "Tout en majuscules." in response.content.decode()
    # The reportable's label and the target, escaped (Reportable.describe's default).
    assert "Account « Camille &lt;b&gt; »" in response.content.decode()
    assert reverse("wagtailsnippets_moderation_report:list") in home  # the admin menu


def test_citizens_are_refused_the_queue_of_reports(citizen):
    response = client_for(citizen).get(reverse("wagtailsnippets_moderation_report:list"))

    assert response.status_code == 302
    assert not Report.objects.exists()
