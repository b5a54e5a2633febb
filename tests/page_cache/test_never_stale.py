"""Every kind of change is on the next anonymous request of every cached page that shows it,
and what is pending moderation or hidden never is in any stored copy. Each test first stores
the pages (two anonymous visits: the second must be a hit), makes the change the way the site
makes it, then reads them again as a visitor."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from accounts.erasure import delete_account
from accounts.rules import MODERATORS
from cms_pages.models import EnjeuPage, TerritoryPage
from consultation import moderation as contribution_moderation
from consultation.models import Contribution
from consultation.views.contribute import add_support
from forums import moderation as forum_moderation
from forums import posting
from forums.models import Comment, Thread
from initiatives import membership_actions
from initiatives.models import InitiativePage, Membership
from tests import factories

pytestmark = pytest.mark.django_db

MAP = "/contributions/"
GEOJSON = "/api/contributions.geojson?zoom=15"
PLANISPHERE = "/initiatives/"


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def moderator(db):
    user = factories.UserFactory()
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


def stored(visitor, *paths):
    """Visit each path twice as an anonymous visitor: the second answer must come from the
    page cache (otherwise the test would prove nothing)."""
    for path in paths:
        first = visitor.get(path)
        assert first.status_code == 200, path
        assert visitor.get(path).get("X-Page-Cache") == "hit", path


def text(visitor, path):
    response = visitor.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def geojson_ids(visitor):
    features = json.loads(text(visitor, GEOJSON))["features"]
    return {
        f["properties"].get("id") for f in features if f["properties"].get("kind") != "unplaced"
    }


def pending_contribution(enjeu, title):
    contribution = factories.ContributionFactory(
        title=title,
        territory=TerritoryPage.objects.get(slug="grand-belfort"),
        status=Contribution.Status.PENDING,
        latitude=47.64,
        longitude=6.86,
    )
    contribution.enjeux.add(enjeu)
    return contribution


def test_a_contribution_published_shows_everywhere_and_never_while_pending(
    visitor, shared_demo, moderator
):
    enjeu = EnjeuPage.objects.get(slug="mobilite")
    paths = [MAP, enjeu.url, "/territoires/grand-belfort/", GEOJSON]
    stored(visitor, *paths)
    contribution = pending_contribution(enjeu, "Un tramway jusqu’à Giromagny")
    for path in paths[:3]:
        assert "Un tramway jusqu’à Giromagny" not in text(visitor, path)
    assert f"contribution-{contribution.pk}" not in geojson_ids(visitor)
    assert visitor.get(contribution.get_absolute_url()).status_code == 404

    contribution_moderation.publish([contribution], moderator)

    assert "Un tramway jusqu’à Giromagny" in text(visitor, MAP)
    assert "Un tramway jusqu’à Giromagny" in text(visitor, enjeu.url)
    assert f"contribution-{contribution.pk}" in geojson_ids(visitor)
    assert visitor.get(contribution.get_absolute_url()).status_code == 200


def test_a_contribution_hidden_leaves_every_page_at_once(visitor, shared_demo, moderator):
    contribution = Contribution.objects.published().filter(enjeux__isnull=False).first()
    enjeu = contribution.enjeux.first()
    paths = [MAP, enjeu.url, contribution.get_absolute_url()]
    stored(visitor, *paths)
    assert contribution.title in text(visitor, enjeu.url)

    contribution_moderation.hide([contribution], moderator, "Hors sujet")

    assert visitor.get(contribution.get_absolute_url()).status_code == 404
    assert contribution.title not in text(visitor, enjeu.url)
    assert f"contribution-{contribution.pk}" not in geojson_ids(visitor)


def test_a_moi_aussi_changes_the_count_shown(visitor, shared_demo):
    contribution = Contribution.objects.published().order_by("pk").first()
    path = contribution.get_absolute_url()
    stored(visitor, path)
    before = contribution.support_count
    add_support(contribution, factories.UserFactory())
    contribution.refresh_from_db()
    assert contribution.support_count == before + 1
    assert f'data-support-count="{before + 1}"' in text(visitor, path)


def test_a_contribution_moved_to_another_territory_leaves_the_former_one(visitor, shared_demo):
    contribution = Contribution.objects.published().order_by("-created_at", "-pk").first()
    former = contribution.territory
    other = TerritoryPage.objects.exclude(pk=former.pk).first()
    before, after = f"{MAP}?territoire={former.slug}", f"{MAP}?territoire={other.slug}"
    stored(visitor, before, after)
    assert contribution.get_absolute_url() in text(visitor, before)
    assert contribution.get_absolute_url() not in text(visitor, after)
    contribution.territory = other
    contribution.save()
    assert contribution.get_absolute_url() not in text(visitor, before)
    assert contribution.get_absolute_url() in text(visitor, after)
    # The territory pages count their contributions: both are rendered anew.
    assert visitor.get(former.url).get("X-Page-Cache") == "miss"
    assert visitor.get(other.url).get("X-Page-Cache") == "miss"


def test_the_csv_answers_304_until_a_contribution_changes(visitor, shared_demo, moderator):
    first = visitor.get("/api/contributions.csv")
    tag = first["ETag"]
    assert visitor.get("/api/contributions.csv", headers={"If-None-Match": tag}).status_code == 304
    contribution = Contribution.objects.published().first()
    contribution_moderation.hide([contribution], moderator, "Hors sujet")
    again = visitor.get("/api/contributions.csv", headers={"If-None-Match": tag})
    assert again.status_code == 200
    assert again["ETag"] != tag
    assert contribution.title not in b"".join(again.streaming_content).decode("utf-8-sig")


def a_public_thread():
    return (
        Thread.objects.filter(members_only=False, held=False, page__live=True)
        .order_by("pk")
        .first()
    )


def test_a_comment_posted_shows_in_its_thread_and_its_forum(visitor, shared_demo):
    thread = a_public_thread()
    thread_path = thread.get_absolute_url()
    forum_path = thread_path.rsplit("/", 3)[0] + "/"
    stored(visitor, thread_path, forum_path)
    author = factories.UserFactory(date_joined=timezone.now() - timedelta(days=365))
    posting.post_comment(thread=thread, author=author, text="Le bus du dimanche manque.")
    assert "Le bus du dimanche manque." in text(visitor, thread_path)
    assert visitor.get(forum_path).get("X-Page-Cache") == "miss"


def test_a_hidden_comment_leaves_the_thread_at_once(visitor, shared_demo, moderator):
    comment = Comment.objects.filter(
        status=Comment.Status.PUBLISHED, forum_thread__members_only=False, level=0
    ).first()
    thread_path = comment.forum_thread.get_absolute_url()
    stored(visitor, thread_path)
    assert comment.comment[:40] in text(visitor, thread_path)
    forum_moderation.hide(comment, moderator, "Propos hors charte")
    assert comment.comment[:40] not in text(visitor, thread_path)


def test_an_initiative_changed_shows_on_its_page_and_the_planisphere(visitor, shared_demo):
    initiative = InitiativePage.objects.live().first()
    stored(visitor, initiative.url, PLANISPHERE)
    initiative.title = "Le jardin partagé des Glacis"
    initiative.save_revision().publish()
    assert "Le jardin partagé des Glacis" in text(visitor, initiative.url)
    assert "Le jardin partagé des Glacis" in text(visitor, PLANISPHERE)


def test_an_initiative_leaving_an_enjeu_leaves_its_page(visitor, shared_demo):
    initiative = InitiativePage.objects.live().filter(enjeux__isnull=False).first()
    enjeu = initiative.enjeux.first()
    stored(visitor, enjeu.url)
    assert initiative.title in text(visitor, enjeu.url)
    initiative.enjeux.set([])
    initiative.save_revision().publish()
    assert initiative.title not in text(visitor, enjeu.url)


def test_a_membership_change_shows_on_the_initiative_page(visitor, shared_demo):
    initiative = InitiativePage.objects.live().first()
    stored(visitor, initiative.url)
    newcomer = factories.UserFactory(display_name="Zéphyrine Oudot")
    assert newcomer.public_name not in text(visitor, initiative.url)
    membership_actions.join(initiative, newcomer)
    assert Membership.objects.filter(initiative=initiative, user=newcomer).exists()
    assert newcomer.public_name in text(visitor, initiative.url)


def test_a_deleted_account_leaves_every_cached_page_that_named_it(visitor, shared_demo):
    thread = a_public_thread()
    author = factories.UserFactory(
        display_name="Zéphyrine Oudot", date_joined=timezone.now() - timedelta(days=365)
    )
    posting.post_comment(thread=thread, author=author, text="Un car le samedi matin.")
    stored(visitor, thread.get_absolute_url())
    assert author.public_name in text(visitor, thread.get_absolute_url())
    delete_account(author)
    page = text(visitor, thread.get_absolute_url())
    assert "Un car le samedi matin." in page
    assert author.public_name not in page


def test_a_citizen_renaming_themself_shows_on_the_pages_that_name_them(visitor, shared_demo):
    thread = a_public_thread()
    author = factories.UserFactory(
        display_name="Zéphyrine Oudot", date_joined=timezone.now() - timedelta(days=365)
    )
    posting.post_comment(thread=thread, author=author, text="Un car le dimanche soir.")
    stored(visitor, thread.get_absolute_url())
    author.display_name = "Zéphyrine O."
    author.save()
    page = text(visitor, thread.get_absolute_url())
    assert "Zéphyrine O." in page
    assert "Zéphyrine Oudot" not in page
