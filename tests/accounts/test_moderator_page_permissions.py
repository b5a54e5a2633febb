"""Modérateurs moderate: they approve initiatives through the workflow, but never edit the
home page nor the legal pages (accounts migration 0005 took ``change_page`` off the root)."""

import pytest
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page

from accounts.rules import MODERATORS
from initiatives import publication
from tests import factories
from tests.factories import staff_login
from tests.initiatives import core_helpers as helpers

pytestmark = pytest.mark.django_db


def test_moderators_hold_no_page_permission_on_the_root():
    root = Page.objects.get(depth=1)
    held = GroupPagePermission.objects.filter(group__name=MODERATORS, page=root)
    assert not held.filter(permission__codename__in=["change_page", "lock_page"]).exists()


def test_moderators_cannot_edit_the_home_page_nor_a_legal_page(client):
    home = factories.site_with_home_page()
    legal = factories.StandardPageFactory(parent=home, title="Mentions légales")
    moderator = helpers.moderator()
    for page in (home, legal):
        permissions = page.permissions_for_user(moderator)
        assert not permissions.can_edit()
        assert not permissions.can_lock()
    staff_login(client, moderator)
    for page in (home, legal):
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response.url != reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_moderators_still_approve_an_initiative_in_the_admin(client):
    index = helpers.tree()[0]
    page = factories.InitiativePageFactory(parent=index, live=False, title="Jardin partagé")
    page.save_revision(user=factories.UserFactory())
    state = publication.submit_for_moderation(page, factories.UserFactory())
    moderator = helpers.moderator()
    staff_login(client, moderator)
    # The editor opens for the task's group although they hold no change_page there.
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    task_state = state.current_task_state
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, "approve", task_state.pk],
        ),
        {"comment": ""},
    )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
