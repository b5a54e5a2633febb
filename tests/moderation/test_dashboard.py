"""The moderators' summary on the admin dashboard (every queue, given by the core and the
plugins through ``MODERATION_QUEUES``) and the human labels of reported objects."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail import hooks

from cms_pages.extension_points import MODERATION_QUEUES
from consultation.models import Contribution
from initiatives import publication
from moderation.queues import ModerationQueue, queues_for
from tests import factories
from tests.consultation import moderation_helpers as consultation_helpers
from tests.factories import staff_login
from tests.forums import moderation_helpers as forum_helpers

pytestmark = pytest.mark.django_db

REPORTS = "wagtailsnippets_moderation_report:list"


def build_world():
    w = forum_helpers.reported_world()
    w.moderator = consultation_helpers.moderator()
    w.facilitator = consultation_helpers.facilitator()
    w.pending = factories.ContributionFactory(
        territory=w.territory, status=Contribution.Status.PENDING, text="En attente"
    )
    w.reported = factories.ContributionFactory(
        territory=w.territory, status=Contribution.Status.PUBLISHED, title="Trop de voitures"
    )
    index = w.initiative.get_parent()
    w.awaiting = factories.InitiativePageFactory(parent=index, live=False, title="Jardin")
    w.awaiting.save_revision(user=w.member)
    publication.submit_for_moderation(w.awaiting, w.member)
    reporter = forum_helpers.reporters(1)[0]
    forum_helpers.report(w.enjeu_comment, reporter)
    consultation_helpers.report(w.reported, reporter=reporter)
    return w


def dashboard(client, user):
    staff_login(client, user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def queue_rows(html):
    """``{key: (count, url)}`` of the summary panel's rows."""
    rows = {}
    for key, url, count in re.findall(
        r'data-moderation-queue="([\w-]+)">\s*<th scope="row"><a href="([^"]+)">[^<]*</a></th>'
        r"\s*<td>(?:<strong>)?(\d+)",
        html,
    ):
        rows[key] = (int(count), url.replace("&amp;", "&"))
    return rows


def test_moderators_see_every_queue_with_its_count_and_link(client, world):
    html = dashboard(client, world.moderator)
    assert 'id="moderation-summary' in html or "moderation-summary" in html
    rows = queue_rows(html)
    assert set(rows) == {
        "reports",
        "contributions",
        "comments",
        "initiatives",
        "initiatives_without_porteur",
    }
    assert rows["initiatives_without_porteur"][0] == 0
    assert rows["initiatives_without_porteur"][1].endswith("?porteur=none")
    assert rows["contributions"][0] == 1
    assert rows["contributions"][1].endswith("?status=pending")
    assert rows["comments"] == (1, reverse("forums_moderation_queue"))
    assert rows["initiatives"][0] == 1
    assert "workflow=in_moderation" in rows["initiatives"][1]
    assert rows["reports"][0] >= 1
    assert rows["reports"][1] == reverse(REPORTS) + "?status=open"
    for _count, url in rows.values():
        assert client.get(url).status_code == 200


def test_the_counts_follow_the_queues(client, world):
    factories.ContributionFactory(territory=world.territory, status=Contribution.Status.PENDING)
    assert queue_rows(dashboard(client, world.moderator))["contributions"][0] == 2


def test_the_panel_is_not_shown_to_who_moderates_nothing(client, world):
    html = dashboard(client, world.facilitator)
    assert "moderation-summary" not in html
    assert queues_for(world.citizen) == []


def test_a_plugin_adds_its_queue_through_the_extension_point(client, world):
    queue = ModerationQueue(
        key="bourse",
        label="Annonces à relire",
        count=lambda user: 7,
        url="/admin/bourse/",
        shown_to=lambda user: True,
        order=90,
    )
    with hooks.register_temporarily(MODERATION_QUEUES, lambda: queue):
        rows = queue_rows(dashboard(client, world.moderator))
    assert rows["bourse"] == (7, "/admin/bourse/")


def test_a_report_on_a_comment_names_its_author_and_thread(client, world):
    staff_login(client, world.moderator)
    response = client.get(reverse(REPORTS))
    html = response.content.decode()
    author = world.author.public_name
    assert f"Commentaire de {author} dans “Des bus le dimanche”" in html
    assert f"{world.enjeu_thread.pk}#{world.enjeu_comment.pk}" not in html


def test_the_reports_list_makes_a_bounded_number_of_queries(client, world):
    staff_login(client, world.moderator)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(REPORTS)).status_code == 200
        return len(queries)

    before = count()
    for reporter in forum_helpers.reporters(3):
        forum_helpers.report(world.initiative_comment, reporter)
        consultation_helpers.report(world.reported, reporter=reporter)
    assert count() == before


def test_the_inspect_view_of_a_report_names_the_comment_too(client, world):
    staff_login(client, world.moderator)
    report = forum_helpers.reports_of(world.enjeu_comment).get()
    response = client.get(reverse("wagtailsnippets_moderation_report:inspect", args=[report.pk]))
    html = response.content.decode()
    assert f"Commentaire de {world.author.public_name} dans “Des bus le dimanche”" in html
    assert f"{world.enjeu_thread.pk}#{world.enjeu_comment.pk}" not in html
