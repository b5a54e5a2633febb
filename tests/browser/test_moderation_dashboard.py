"""A moderator's admin: the dashboard's summary of every moderation queue (counts, links, no
serious accessibility violation) and a contribution's point on the local map widget (no
request leaves the machine: Leaflet comes from the static files)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from accounts.rules import MODERATORS
from consultation.models import Contribution
from tests.browser.conftest import session_cookie
from tests.factories import ContributionFactory, UserFactory

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def moderator(site, page, live_server):
    user = UserFactory(display_name="Mona M.")
    user.groups.add(Group.objects.get(name=MODERATORS))
    page.context.add_cookies([session_cookie(live_server, user)])
    return page


def test_the_dashboard_sums_up_every_queue_for_a_moderator(moderator, site):
    territory = Contribution.objects.filter(territory__isnull=False).first().territory
    ContributionFactory(territory=territory, status=Contribution.Status.PENDING)
    pending = Contribution.objects.filter(status=Contribution.Status.PENDING).count()

    moderator.goto("/admin/")
    panel = moderator.locator("#moderation-summary-section, #moderation-summary").first
    expect(panel).to_be_visible()
    for key in ("reports", "contributions", "comments", "initiatives"):
        expect(panel.locator(f'[data-moderation-queue="{key}"] a')).to_be_visible()
    row = panel.locator('[data-moderation-queue="contributions"]')
    expect(row).to_contain_text("Révoltes et rêves à modérer")
    expect(row.locator("td")).to_have_text(str(pending))

    results = Axe().run(moderator)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, results.generate_report()

    row.locator("a").click()
    expect(moderator).to_have_url(
        f"{moderator.url.split('/admin/')[0]}/admin/snippets/consultation/contribution/"
        "?status=pending"
    )


def test_the_contribution_edit_form_shows_its_point_on_the_local_map(moderator, site):
    contribution = Contribution.objects.filter(latitude__isnull=False).first()
    edit = reverse("wagtailsnippets_consultation_contribution:edit", args=[contribution.pk])
    requests = []
    moderator.on("request", lambda request: requests.append(request.url))
    moderator.goto(edit)
    expect(moderator.locator(".leaflet-container").first).to_be_visible()
    expect(moderator.locator(".leaflet-marker-icon").first).to_be_attached()
    assert any("/static/vendor/leaflet/leaflet" in url for url in requests)
