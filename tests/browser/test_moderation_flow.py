"""From a citizen's rêve to the public map: posted, pending, published by a moderator, shown."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from playwright.sync_api import expect

from consultation.models import Contribution
from tests.browser.test_contribute import TEXT, citizen, fill_the_form  # noqa: F401
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


def sign_in(context, user, live_server):
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


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

    moderator = UserFactory()
    moderator.groups.add(Group.objects.get(name="Modérateurs"))
    admin = page.context.browser.new_context(base_url=live_server.url)
    sign_in(admin, moderator, live_server)
    admin_tab = admin.new_page()
    admin_tab.goto(f"/admin/snippets/consultation/contribution/edit/{contribution.pk}/")
    admin_tab.locator("input[name=status][value=published]").check()
    with admin_tab.expect_navigation():
        admin_tab.locator("button.action-save").click()
    admin.close()
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.PUBLISHED

    page.goto("/contributions/?kind=reve")
    expect(page.locator(f'#contributions-liste [data-feature-id="{feature}"]')).to_have_count(1)
    expect(page.locator("#carte[data-map-state=ready]")).to_be_attached()
    expect(page.locator("#carte .map-marker, #carte .map-group").first).to_be_visible()
