"""The moderation service: decisions, audit log, reports and the authors' e-mails."""

from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from consultation import moderation
from consultation.models import Contribution
from moderation.audit import RESOLVE_REPORT
from moderation.models import Report
from tests import factories
from tests.consultation import moderation_helpers as helpers
from tests.factories import ContributionFactory, UserFactory

pytestmark = pytest.mark.django_db


def build_world():
    home = factories.site_with_home_page()
    return SimpleNamespace(
        home=home,
        territory=helpers.territories(home)[0],
        moderator=helpers.moderator(),
        author=UserFactory(email="autrice@example.org", display_name="Autrice"),
    )


@pytest.fixture
def home_page(world):
    return world.home


@pytest.fixture
def territory(world):
    return world.territory


@pytest.fixture
def moderator(world):
    return world.moderator


@pytest.fixture
def author(world):
    return world.author


@pytest.fixture
def contribution(territory, author):
    return helpers.pending(territory, author=author, title="Des bancs partout")


def decide(decision, contributions, moderator, **kwargs):
    return getattr(moderation, decision)(contributions, moderator, **kwargs)


def log_entries(contribution, action):
    return ModelLogEntry.objects.filter(object_id=str(contribution.pk), action=action)


DECISIONS = [
    ("publish", {}, Contribution.Status.PUBLISHED),
    ("hide", {"reason": "Propos hors charte."}, Contribution.Status.HIDDEN),
    ("reject", {"reason": "Sans rapport avec le territoire."}, Contribution.Status.REJECTED),
]


@pytest.mark.parametrize(("decision", "kwargs", "status"), DECISIONS)
def test_decision_sets_the_status(decision, kwargs, status, contribution, moderator):
    decide(decision, [contribution], moderator, **kwargs)
    contribution.refresh_from_db()
    assert contribution.status == status


@pytest.mark.parametrize(("decision", "kwargs", "status"), DECISIONS)
def test_decision_records_the_moderator_and_time(decision, kwargs, status, contribution, moderator):
    decide(decision, [contribution], moderator, **kwargs)
    contribution.refresh_from_db()
    assert contribution.moderated_by == moderator
    assert contribution.moderated_at is not None


@pytest.mark.parametrize(("decision", "kwargs", "status"), DECISIONS)
def test_decision_stores_the_reason(decision, kwargs, status, contribution, moderator):
    decide(decision, [contribution], moderator, **kwargs)
    contribution.refresh_from_db()
    assert contribution.moderation_reason == kwargs.get("reason", "")


@pytest.mark.parametrize(("decision", "kwargs", "status"), DECISIONS)
def test_decision_is_in_the_audit_log_with_its_moderator(
    decision, kwargs, status, contribution, moderator
):
    decide(decision, [contribution], moderator, **kwargs)
    entry = log_entries(contribution, f"consultation.{decision}").get()
    assert entry.user == moderator
    assert entry.data.get("reason", "") == kwargs.get("reason", "")


@pytest.mark.parametrize(
    "action",
    [
        moderation.PUBLISH,
        moderation.HIDE,
        moderation.REJECT,
        moderation.LINK_ENJEU,
        RESOLVE_REPORT,
    ],
)
def test_moderation_actions_have_labels_in_the_admin_history(action):
    assert log_registry.action_exists(action)


def test_publishing_again_clears_the_previous_reason(contribution, moderator):
    moderation.hide([contribution], moderator, "Hors charte.")
    moderation.publish([contribution], moderator)
    contribution.refresh_from_db()
    assert contribution.moderation_reason == ""


@pytest.mark.parametrize("decision", ["hide", "reject"])
@pytest.mark.parametrize("reason", ["", "   ", None])
def test_hiding_or_rejecting_without_a_reason_is_refused(decision, reason, contribution, moderator):
    with pytest.raises(ValidationError) as error:
        decide(decision, [contribution], moderator, reason=reason)
    assert error.value.code == "reason_required"


@pytest.mark.parametrize("decision", ["hide", "reject"])
def test_refused_decision_changes_nothing(decision, contribution, moderator):
    with pytest.raises(ValidationError):
        decide(decision, [contribution], moderator, reason="")
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.PENDING
    assert not ModelLogEntry.objects.filter(object_id=str(contribution.pk)).exists()


def test_a_reason_longer_than_the_field_is_refused(contribution, moderator):
    with pytest.raises(ValidationError) as error:
        moderation.hide([contribution], moderator, "x" * (moderation.REASON_MAX_LENGTH + 1))
    assert error.value.code == "reason_too_long"


def test_a_citizen_cannot_moderate(contribution):
    with pytest.raises(PermissionDenied):
        moderation.publish([contribution], UserFactory())


def test_a_superuser_can_moderate(contribution):
    moderation.publish([contribution], UserFactory(is_superuser=True))
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.PUBLISHED


def test_decisions_act_on_querysets(territory, moderator):
    helpers.pending(territory)
    helpers.pending(territory)
    moderation.publish(Contribution.objects.all(), moderator)
    assert Contribution.objects.published().count() == 2


# Reports.


@pytest.mark.parametrize(("decision", "kwargs"), [("publish", {}), ("hide", {"reason": "Non."})])
def test_publishing_or_hiding_resolves_the_open_reports(decision, kwargs, territory, moderator):
    contribution = ContributionFactory(territory=territory)
    report = helpers.report(contribution)
    decide(decision, [contribution], moderator, **kwargs)
    report.refresh_from_db()
    assert report.status == Report.Status.RESOLVED


def test_confirming_a_published_contribution_resolves_reports_and_logs(territory, moderator):
    contribution = ContributionFactory(territory=territory)
    report = helpers.report(contribution)
    moderation.publish([contribution], moderator)
    report.refresh_from_db()
    assert report.status == Report.Status.RESOLVED
    assert log_entries(report, RESOLVE_REPORT).filter(user=moderator).exists()


def test_reports_on_other_contributions_stay_open(territory, moderator):
    contribution, other = (
        ContributionFactory(territory=territory),
        ContributionFactory(territory=territory),
    )
    report = helpers.report(other)
    moderation.publish([contribution], moderator)
    report.refresh_from_db()
    assert report.status == Report.Status.OPEN


def test_resolve_reports_marks_them_resolved(territory, moderator):
    report = helpers.report(ContributionFactory(territory=territory))
    moderation.resolve_reports([report], moderator)
    report.refresh_from_db()
    assert report.status == Report.Status.RESOLVED


# Enjeux.


def test_link_to_enjeu_adds_the_enjeu(home_page, territory, moderator):
    enjeu = helpers.enjeu(home_page, title="Mobilité")
    contribution = ContributionFactory(territory=territory)
    moderation.link_to_enjeu([contribution], moderator, enjeu)
    assert list(contribution.enjeux.all()) == [enjeu]


def test_link_to_enjeu_is_in_the_audit_log(home_page, territory, moderator):
    enjeu = helpers.enjeu(home_page, title="Mobilité")
    contribution = ContributionFactory(territory=territory)
    moderation.link_to_enjeu([contribution], moderator, enjeu)
    entry = log_entries(contribution, moderation.LINK_ENJEU).get()
    assert entry.data["enjeu"]["id"] == enjeu.pk


def test_linking_twice_to_the_same_enjeu_logs_once(home_page, territory, moderator):
    enjeu = helpers.enjeu(home_page)
    contribution = ContributionFactory(territory=territory)
    moderation.link_to_enjeu([contribution], moderator, enjeu)
    moderation.link_to_enjeu([contribution], moderator, enjeu)
    assert log_entries(contribution, moderation.LINK_ENJEU).count() == 1


# E-mails.


def sent_after_commit(django_capture_on_commit_callbacks, action):
    with django_capture_on_commit_callbacks(execute=True):
        action()
    return mail.outbox


@pytest.mark.parametrize(("decision", "kwargs", "status"), DECISIONS)
def test_the_author_is_emailed_after_commit(
    decision, kwargs, status, contribution, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        decide(decision, [contribution], moderator, **kwargs)
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert [message.to for message in mail.outbox] == [["autrice@example.org"]]


@pytest.mark.parametrize(
    ("decision", "kwargs"),
    [("hide", {"reason": "Propos hors charte."}), ("reject", {"reason": "Sans rapport."})],
)
def test_the_email_gives_the_reason(
    decision, kwargs, contribution, moderator, django_capture_on_commit_callbacks
):
    outbox = sent_after_commit(
        django_capture_on_commit_callbacks,
        lambda: decide(decision, [contribution], moderator, **kwargs),
    )
    assert kwargs["reason"] in outbox[0].body


def test_the_publication_email_links_to_the_public_page(
    contribution, moderator, django_capture_on_commit_callbacks
):
    outbox = sent_after_commit(
        django_capture_on_commit_callbacks, lambda: moderation.publish([contribution], moderator)
    )
    assert f"http://testserver/contributions/{contribution.pk}/" in outbox[0].body


@pytest.mark.parametrize("decision", ["hide", "reject"])
def test_the_refusal_email_links_to_my_contributions(
    decision, contribution, moderator, django_capture_on_commit_callbacks
):
    outbox = sent_after_commit(
        django_capture_on_commit_callbacks,
        lambda: decide(decision, [contribution], moderator, reason="Non."),
    )
    assert "http://testserver/contributions/mes-contributions/" in outbox[0].body
    assert f"/contributions/{contribution.pk}/" not in outbox[0].body


@pytest.mark.parametrize(("decision", "kwargs", "status"), DECISIONS)
def test_no_email_links_to_the_admin(
    decision, kwargs, status, contribution, moderator, django_capture_on_commit_callbacks
):
    outbox = sent_after_commit(
        django_capture_on_commit_callbacks,
        lambda: decide(decision, [contribution], moderator, **kwargs),
    )
    assert "/admin" not in outbox[0].body


def test_the_enjeu_email_links_to_the_contribution_and_the_enjeu(
    home_page, territory, author, moderator, django_capture_on_commit_callbacks
):
    enjeu = helpers.enjeu(home_page, title="Mobilité", slug="mobilite")
    contribution = ContributionFactory(territory=territory, author=author)
    outbox = sent_after_commit(
        django_capture_on_commit_callbacks,
        lambda: moderation.link_to_enjeu([contribution], moderator, enjeu),
    )
    assert f"http://testserver/contributions/{contribution.pk}/" in outbox[0].body
    assert "/enjeux/mobilite/" in outbox[0].body


def test_linking_a_pending_contribution_sends_no_email(
    home_page, contribution, moderator, django_capture_on_commit_callbacks
):
    enjeu = helpers.enjeu(home_page)
    outbox = sent_after_commit(
        django_capture_on_commit_callbacks,
        lambda: moderation.link_to_enjeu([contribution], moderator, enjeu),
    )
    assert outbox == []


def test_a_contribution_without_author_sends_no_email(
    territory, moderator, django_capture_on_commit_callbacks
):
    contribution = helpers.pending(territory, author=None)
    outbox = sent_after_commit(
        django_capture_on_commit_callbacks, lambda: moderation.publish([contribution], moderator)
    )
    assert outbox == []


def test_an_author_without_email_address_gets_no_email(
    territory, moderator, django_capture_on_commit_callbacks
):
    contribution = helpers.pending(territory, author=UserFactory(email=""))
    outbox = sent_after_commit(
        django_capture_on_commit_callbacks, lambda: moderation.publish([contribution], moderator)
    )
    assert outbox == []


def test_confirming_an_unchanged_decision_sends_no_new_email(
    territory, author, moderator, django_capture_on_commit_callbacks
):
    contribution = ContributionFactory(territory=territory, author=author)
    outbox = sent_after_commit(
        django_capture_on_commit_callbacks, lambda: moderation.publish([contribution], moderator)
    )
    assert outbox == []


def test_user_text_never_becomes_markup_in_the_html_part(
    territory, author, moderator, django_capture_on_commit_callbacks
):
    contribution = helpers.pending(territory, author=author, text=helpers.XSS)
    outbox = sent_after_commit(
        django_capture_on_commit_callbacks,
        lambda: moderation.hide([contribution], moderator, helpers.XSS),
    )
    # The outbox builds the HTML part from the text, in the platform's layout: escaped.
    (html,) = [part[0] for part in outbox[0].alternatives if part[1] == "text/html"]
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_user_text_stays_verbatim_in_the_plain_text_email(
    territory, author, moderator, django_capture_on_commit_callbacks
):
    contribution = helpers.pending(territory, author=author, text=helpers.XSS)
    outbox = sent_after_commit(
        django_capture_on_commit_callbacks,
        lambda: moderation.hide([contribution], moderator, "Raison <b>grasse</b>"),
    )
    assert helpers.XSS in outbox[0].body
    assert "Raison <b>grasse</b>" in outbox[0].body
    assert "&lt;" not in outbox[0].body
