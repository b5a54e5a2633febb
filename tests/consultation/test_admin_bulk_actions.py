"""Bulk moderation through Wagtail's bulk action URLs, and the reports listing."""

from types import SimpleNamespace

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from consultation.models import Contribution
from moderation.models import Report
from tests import factories
from tests.consultation import moderation_helpers as helpers
from tests.factories import ContributionFactory, UserFactory, staff_login

pytestmark = pytest.mark.django_db

NEXT = "/admin/snippets/consultation/contribution/"
REPORTS = "wagtailsnippets_moderation_report:list"


def bulk_url(action, objects, model="contribution", app="consultation"):
    ids = "&".join(f"id={obj.pk}" for obj in objects)
    return f"{reverse('wagtail_bulk_action', args=[app, model, action])}?next={NEXT}&{ids}"


def build_world():
    home = factories.site_with_home_page()
    return SimpleNamespace(
        home=home,
        territory=helpers.territories(home)[0],
        moderator=helpers.moderator(),
        others=helpers.non_moderators(),
    )


@pytest.fixture
def home_page(world):
    return world.home


@pytest.fixture
def territory(world):
    return world.territory


@pytest.fixture
def moderator(client, world):
    staff_login(client, world.moderator)
    return world.moderator


@pytest.fixture
def two_pending(territory):
    return [helpers.pending(territory), helpers.pending(territory)]


def statuses(contributions):
    return {
        c.pk: c.status for c in Contribution.objects.filter(pk__in=[c.pk for c in contributions])
    }


def test_the_confirmation_page_lists_the_selection(client, moderator, two_pending):
    response = client.get(bulk_url("publish", two_pending))
    assert response.status_code == 200
    assert {entry["item"].pk for entry in response.context["items"]} == {c.pk for c in two_pending}


def test_bulk_publish_publishes_two_contributions(client, moderator, two_pending):
    response = client.post(bulk_url("publish", two_pending))
    assert response.status_code == 302
    assert set(statuses(two_pending).values()) == {"published"}


def test_bulk_publish_logs_each_contribution(client, moderator, two_pending):
    client.post(bulk_url("publish", two_pending))
    logged = ModelLogEntry.objects.filter(action="consultation.publish", user=moderator)
    assert {int(entry.object_id) for entry in logged} == {c.pk for c in two_pending}


def test_each_contribution_history_shows_its_bulk_decision(client, moderator, two_pending):
    client.post(bulk_url("publish", two_pending))
    for contribution in two_pending:
        history = reverse(
            "wagtailsnippets_consultation_contribution:history", args=[contribution.pk]
        )
        actions = [entry.action for entry in client.get(history).context["object_list"]]
        assert actions == ["consultation.publish"]


def test_bulk_publish_leaves_unselected_contributions_alone(
    client, moderator, two_pending, territory
):
    other = helpers.pending(territory)
    client.post(bulk_url("publish", two_pending))
    other.refresh_from_db()
    assert other.status == "pending"


def test_bulk_hide_needs_a_reason(client, moderator, two_pending):
    response = client.post(bulk_url("hide", two_pending), {"reason": "  "})
    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["reason"][0].code in (
        "required",
        "reason_required",
    )
    assert set(statuses(two_pending).values()) == {"pending"}


def test_bulk_hide_stores_the_reason(client, moderator, two_pending):
    client.post(bulk_url("hide", two_pending), {"reason": "Propos hors charte."})
    hidden = Contribution.objects.filter(pk__in=[c.pk for c in two_pending])
    assert {(c.status, c.moderation_reason) for c in hidden} == {("hidden", "Propos hors charte.")}


def test_bulk_reject_stores_the_reason(client, moderator, two_pending):
    client.post(bulk_url("reject", two_pending), {"reason": "Hors sujet."})
    rejected = Contribution.objects.filter(pk__in=[c.pk for c in two_pending])
    assert {(c.status, c.moderation_reason) for c in rejected} == {("rejected", "Hors sujet.")}


def test_bulk_link_to_enjeu_links_every_selected_contribution(
    client, moderator, territory, home_page
):
    enjeu = helpers.enjeu(home_page)
    contributions = [ContributionFactory(territory=territory) for _ in range(2)]
    client.post(bulk_url("link_enjeu", contributions), {"enjeu": enjeu.pk})
    assert all(list(c.enjeux.all()) == [enjeu] for c in contributions)


def test_bulk_link_to_enjeu_refuses_an_unknown_enjeu(client, moderator, territory):
    contribution = ContributionFactory(territory=territory)
    response = client.post(bulk_url("link_enjeu", [contribution]), {"enjeu": "999999"})
    assert response.status_code == 200
    assert not contribution.enjeux.exists()


@pytest.mark.parametrize("who", ["citizen", "editor", "facilitator"])
def test_others_cannot_bulk_publish(client, world, who, two_pending):
    staff_login(client, world.others[who])
    response = client.post(bulk_url("publish", two_pending))
    assert response.status_code in (302, 403)
    assert set(statuses(two_pending).values()) == {"pending"}


def test_selecting_all_contributions_at_once_is_refused(client, moderator, two_pending):
    url = reverse("wagtail_bulk_action", args=["consultation", "contribution", "publish"])
    response = client.post(f"{url}?next={NEXT}&id=all")
    assert response.status_code == 302
    assert set(statuses(two_pending).values()) == {"pending"}


def test_the_moderation_bulk_actions_are_offered_on_the_listing(client, moderator, two_pending):
    html = client.get(reverse("wagtailsnippets_consultation_contribution:list")).content.decode()
    for action in ("publish", "hide", "reject", "link_enjeu"):
        assert f"/admin/bulk/consultation/contribution/{action}/" in html


# Reports.


def test_moderators_see_the_reports_with_the_reporter_name(client, moderator, territory):
    reporter = UserFactory(display_name="Camille du quartier")
    helpers.report(ContributionFactory(territory=territory), reporter=reporter)
    html = client.get(reverse(REPORTS)).content.decode()
    assert "Camille du quartier" in html


def test_the_report_listing_links_to_the_reported_contribution(client, moderator, territory):
    contribution = ContributionFactory(territory=territory)
    helpers.report(contribution)
    html = client.get(reverse(REPORTS)).content.decode()
    edit = reverse("wagtailsnippets_consultation_contribution:edit", args=[contribution.pk])
    assert f'href="{edit}"' in html


def test_report_details_are_escaped(client, moderator, territory):
    helpers.report(ContributionFactory(territory=territory), details=helpers.XSS)
    html = client.get(reverse(REPORTS)).content.decode()
    assert helpers.XSS not in html


@pytest.mark.parametrize("who", ["citizen", "editor", "facilitator"])
def test_others_are_refused_the_reports(client, world, who, territory):
    helpers.report(ContributionFactory(territory=territory), details="Détail confidentiel")
    staff_login(client, world.others[who])
    response = client.get(reverse(REPORTS))
    assert response.status_code in (302, 403)
    assert "Détail confidentiel" not in response.content.decode()


def test_bulk_mark_resolved_resolves_the_selected_reports(client, moderator, territory):
    reports = [helpers.report(ContributionFactory(territory=territory)) for _ in range(2)]
    url = bulk_url("resolve", reports, model="report", app="moderation")
    client.post(url)
    assert set(Report.objects.values_list("status", flat=True)) == {"resolved"}


def test_bulk_mark_resolved_is_logged(client, moderator, territory):
    report = helpers.report(ContributionFactory(territory=territory))
    client.post(bulk_url("resolve", [report], model="report", app="moderation"))
    assert ModelLogEntry.objects.filter(
        action="moderation.resolve", object_id=str(report.pk), user=moderator
    ).exists()
