"""People are named by their display name everywhere (Wagtail included), and the Sites
framework's row follows the settings after every migrate."""

import pytest
from django.apps import apps
from django.contrib.sites.models import Site
from django.db.models.signals import post_migrate
from django.template.loader import render_to_string
from wagtail.admin.utils import get_user_display_name

from accounts.sites import sync_site
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_wagtail_names_people_by_their_display_name():
    user = UserFactory(username="claire.citoyenne", display_name="Claire")
    assert user.get_full_name() == "Claire"
    assert get_user_display_name(user) == "Claire"


def test_without_display_name_wagtail_never_shows_the_username():
    user = UserFactory(username="admin@example.org", display_name="")
    assert get_user_display_name(user) == "Citoyen anonyme"
    user.first_name, user.last_name = "Alex", "Martin"
    assert get_user_display_name(user) == "Alex Martin"


def test_post_migrate_writes_the_settings_on_the_site_row(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://auxactescitoyens.example.fr"
    Site.objects.update_or_create(pk=1, defaults={"domain": "example.com", "name": "example.com"})
    config = apps.get_app_config("accounts")
    post_migrate.send(
        sender=config,
        app_config=config,
        verbosity=0,
        interactive=False,
        using="default",
        apps=apps,
        plan=[],
    )
    site = Site.objects.get(pk=1)
    assert (site.domain, site.name) == ("auxactescitoyens.example.fr", "Aux actes citoyens")
    assert Site.objects.get_current().name == "Aux actes citoyens"


def test_sync_site_creates_the_row_when_missing(settings):
    Site.objects.all().delete()
    assert sync_site().domain == "testserver"


def test_wagtail_notifications_greet_people_by_their_display_name():
    user = UserFactory(username="admin@example.org", display_name="Claire")
    text = render_to_string("wagtailadmin/notifications/base.txt", {"user": user})
    assert "Claire" in text
    assert "admin@example.org" not in text
