"""The search's state on the admin dashboard: shown to superusers, moderators and editors when
the site runs on Elasticsearch or something went wrong, to nobody else."""

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from accounts.rules import EDITORS, FACILITATORS, MODERATORS
from search import catch_up
from search.engines.elasticsearch import record_failure
from search.wagtail_hooks import add_search_status_panel
from tests import factories
from tests.factories import staff_login
from tests.search.fake_elasticsearch import connection_error

pytestmark = pytest.mark.django_db
PANEL = 'id="search-status-section"'


def staff(group=None, **fields):
    user = factories.UserFactory(**fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def dashboard(client, user):
    staff_login(client, user)
    # In English, the language of the source strings (the site's language switch).
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def panels_for(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    panels = []
    add_search_status_panel(request, panels)
    return panels


@pytest.fixture
def outage(settings):
    """The site on Elasticsearch, which failed a search and missed two updates."""
    settings.SEARCH_ENGINE = "elasticsearch"
    record_failure("search", connection_error())
    catch_up.queue(["forums.thread:1", "forums.thread:2"])


@pytest.mark.parametrize(
    "user",
    [
        lambda: staff(is_superuser=True, is_staff=True),
        lambda: staff(MODERATORS),
        lambda: staff(EDITORS),
    ],
    ids=["superuser", "moderator", "editor"],
)
def test_staff_see_the_outage_and_the_waiting_updates(client, outage, user):
    page = dashboard(client, user())
    assert PANEL in page
    assert "runs on Elasticsearch" in page
    assert "Last Elasticsearch failure" in page
    assert "during a search" in page
    assert "Connection refused" in page
    assert "2 index updates wait for the catch-up" in page
    assert "catch_up_search_index" in page


def test_others_with_admin_access_see_nothing(client, outage):
    facilitator = staff(FACILITATORS)
    assert panels_for(facilitator) == []
    assert PANEL not in dashboard(client, facilitator)
    assert panels_for(staff()) == []


def test_elasticsearch_without_failure_says_so(client, settings):
    settings.SEARCH_ENGINE = "elasticsearch"
    page = dashboard(client, staff(MODERATORS))
    assert "runs on Elasticsearch" in page
    assert "No Elasticsearch failure in the past week" in page
    assert "0 index updates wait" in page


def test_nothing_is_shown_when_all_is_well_on_the_database(client, settings):
    settings.SEARCH_ENGINE = "database"
    assert panels_for(staff(is_superuser=True)) == []
    assert PANEL not in dashboard(client, staff(is_superuser=True, is_staff=True))


def test_updates_left_over_on_the_database_engine_are_shown(settings):
    settings.SEARCH_ENGINE = "database"
    catch_up.queue(["forums.thread:1"])
    (panel,) = panels_for(staff(EDITORS))
    with translation.override("en"):
        html = panel.render_html({})
    assert "runs on the database" in html
    assert "1 index update waits for the catch-up" in html


def test_the_error_text_is_escaped(settings):
    settings.SEARCH_ENGINE = "elasticsearch"
    error = connection_error()
    error.errors = (OSError("<script>alert(1)</script>"),)
    record_failure("write", error)
    (panel,) = panels_for(staff(is_superuser=True))
    with translation.override("en"):
        html = panel.render_html({})
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "during an index update" in html
