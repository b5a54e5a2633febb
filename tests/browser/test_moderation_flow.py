"""From a citizen's rêve to the public map: posted, pending, published by a moderator, shown."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from consultation import moderation
from consultation.models import Contribution
from tests.browser.test_contribute import TEXT, citizen, fill_the_form  # noqa: F401
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


def test_a_published_reve_appears_on_the_map_and_in_the_list(citizen, page, live_server):  # noqa: F811
    fill_the_form(page)
    page.locator("#contribution-map").click()
    page.locator("form[data-contribution-form] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/contributions/\d+/$"))
    contribution = Contribution.objects.get(author=citizen)
    feature = f"contribution-{contribution.pk}"

    # Pending: nobody else sees it.
    page.goto("/contributions/?kind=reve")
    expect(page.locator(f'#contributions-liste [data-feature-id="{feature}"]')).to_have_count(0)

    # The moderator's decision, through the service the admin's edit form and bulk actions use
    # (the admin screens themselves are tested with Django's client on both databases).
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get(name="Modérateurs"))
    moderation.publish(Contribution.objects.filter(pk=contribution.pk), moderator)
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.PUBLISHED

    page.goto("/contributions/?kind=reve")
    expect(page.locator(f'#contributions-liste [data-feature-id="{feature}"]')).to_have_count(1)
    expect(page.locator("#carte[data-map-state=ready]")).to_be_attached()
    expect(page.locator("#carte .map-marker, #carte .map-group").first).to_be_visible()
