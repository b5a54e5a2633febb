"""Signed-in pages are rendered every time, but the parts they share with everybody's come
from the fragment cache (cms_pages.fragments): menus, footer links, counts, the lineage of
initiatives, a thread's comment list. Each test reads a page signed in (filling the cache),
makes a change the way the site makes it, and reads it again: the change is there. And what is
somebody's own (their likes, their CSRF token) is never shown to somebody else."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.rules import MODERATORS
from cms_pages.models import EnjeuPage, TerritoryPage
from consultation import moderation as contribution_moderation
from consultation.models import Contribution
from forums import moderation as forum_moderation
from forums import posting
from forums.models import Comment, Thread
from forums.templatetags.forum_tags import csrf_placeholder
from initiatives.models import InitiativePage
from tests import factories

pytestmark = pytest.mark.django_db

MAP = "/contributions/"
TERRITORY = "/territoires/grand-belfort/"


def citizen():
    return factories.UserFactory(date_joined=timezone.now() - timedelta(days=365))


@pytest.fixture
def reader(shared_demo):
    client = Client()
    client.force_login(citizen())
    return client


@pytest.fixture
def moderator(db):
    user = factories.UserFactory()
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


def text(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def twice(client, path):
    """The page read twice, so that the second reading comes from the fragment cache."""
    text(client, path)
    return text(client, path)


def test_a_new_menu_page_and_footer_link_show_at_once(reader, shared_demo):
    twice(reader, "/")
    page = factories.StandardPageFactory(
        parent=shared_demo,
        title="Nouvelle rubrique",
        slug="rubrique",
        show_in_menus=True,
        show_in_footer=True,
        live=False,
    )
    page.save_revision().publish()
    html = text(reader, "/")
    assert html.count('href="/rubrique/"') == 2  # main menu and footer


def test_a_published_contribution_changes_the_map_counts_and_the_enjeu_and_territory_pages(
    reader, shared_demo, moderator
):
    enjeu = EnjeuPage.objects.get(slug="mobilite")
    territory = TerritoryPage.objects.get(slug="grand-belfort")
    published = Contribution.objects.published()
    total = published.count()
    assert page_count(twice(reader, MAP)) == total
    in_territory = published.filter(territory=territory).count()
    assert f'data-territory="grand-belfort" data-count="{in_territory}"' in twice(reader, MAP)
    twice(reader, enjeu.url)
    twice(reader, TERRITORY)
    contribution = factories.ContributionFactory(
        title="Un tramway jusqu’à Giromagny",
        territory=territory,
        status=Contribution.Status.PENDING,
    )
    contribution.enjeux.add(enjeu)
    contribution_moderation.publish([contribution], moderator)

    html = text(reader, MAP)
    assert f'data-territory="grand-belfort" data-count="{in_territory + 1}"' in html
    assert page_count(html) == total + 1
    assert "Un tramway jusqu’à Giromagny" in text(reader, enjeu.url)
    assert f'data-contribution-counts="{in_territory + 1}"' in text(reader, TERRITORY)


def page_count(html):
    """The number of contributions the map's list says match (« 1 234 »: spaces dropped)."""
    summary = re.search(r'contribution-results__summary">\s*([\d\s\u202f\u00a0]+)', html)
    return int(re.sub(r"\D", "", summary.group(1)))


def test_a_new_territory_shows_in_the_map_filters(reader, shared_demo):
    assert "Territoire des Vosges saônoises" not in twice(reader, MAP)
    territory = TerritoryPage.objects.get(slug="grand-belfort")
    territory.title = "Territoire des Vosges saônoises"
    territory.save_revision().publish()
    assert "Territoire des Vosges saônoises" in text(reader, MAP)


def test_an_initiative_published_shows_on_its_territory_page(reader, shared_demo):
    initiative = InitiativePage.objects.live().filter(territories__slug="grand-belfort").first()
    assert initiative.title in twice(reader, TERRITORY)
    initiative.title = "Le jardin partagé des Glacis"
    initiative.save_revision().publish()
    assert "Le jardin partagé des Glacis" in text(reader, TERRITORY)


def a_public_thread():
    return (
        Thread.objects.filter(members_only=False, held=False, page__live=True)
        .order_by("pk")
        .first()
    )


def test_a_comment_posted_or_hidden_shows_at_once_in_the_thread(reader, moderator):
    thread = a_public_thread()
    path = thread.get_absolute_url()
    twice(reader, path)
    comment = posting.post_comment(thread=thread, author=citizen(), text="Le bus du dimanche.")
    assert "Le bus du dimanche." in text(reader, path)
    forum_moderation.hide(Comment.objects.get(pk=comment.pk), moderator, "Hors charte")
    assert "Le bus du dimanche." not in text(reader, path)


def test_a_readers_like_is_theirs_and_counted_for_everybody(shared_demo):
    thread = a_public_thread()
    comment = posting.post_comment(thread=thread, author=citizen(), text="Un car le samedi.")
    path = thread.get_absolute_url()
    alice, bruno = Client(), Client()
    alice.force_login(citizen())
    bruno.force_login(citizen())
    twice(alice, path)
    twice(bruno, path)
    assert alice.post(
        reverse("forums:comment-react", args=[comment.pk]), {"like": "1"}
    ).status_code in (200, 302)
    alice_html, bruno_html = text(alice, path), text(bruno, path)
    assert 'aria-pressed="true"' in alice_html.split(f'id="like-{comment.pk}"')[1][:800]
    assert 'aria-pressed="false"' in bruno_html.split(f'id="like-{comment.pk}"')[1][:800]
    assert 'data-like-count="1"' in bruno_html


def test_each_reader_gets_their_own_csrf_token_in_a_kept_comment_list(shared_demo):
    thread = a_public_thread()
    posting.post_comment(thread=thread, author=citizen(), text="Un car le samedi.")
    path = thread.get_absolute_url()
    tokens = {}
    for name in ("alice", "bruno"):
        client = Client()
        client.force_login(citizen())
        html = twice(client, path)
        assert csrf_placeholder() not in html
        found = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
        secret = client.cookies["csrftoken"].value
        # Every token of the page is this reader's (the secret of their own cookie).
        assert found
        assert {_unmask_cipher_token(token) for token in found} == {secret}
        tokens[name] = secret
    assert tokens["alice"] != tokens["bruno"]


def test_a_new_page_of_comments_shows_once_the_thread_has_more(reader):
    thread = a_public_thread()
    path = thread.get_absolute_url()
    assert "?page=2" not in twice(reader, path)
    author = citizen()
    for n in range(21):
        posting.post_comment(thread=thread, author=author, text=f"Message {n}.")
    assert "?page=2" in text(reader, path)


def test_an_initiative_changed_shows_on_the_planisphere_its_counts_and_results(reader, shared_demo):
    planisphere = "/initiatives/"
    twice(reader, planisphere)
    twice(reader, f"{planisphere}?territoire=grand-belfort")
    initiative = InitiativePage.objects.live().filter(territories__slug="grand-belfort").first()
    initiative.title = "Le jardin partagé des Glacis"
    initiative.save_revision().publish()
    assert "Le jardin partagé des Glacis" in text(reader, planisphere)
    assert "Le jardin partagé des Glacis" in text(reader, f"{planisphere}?territoire=grand-belfort")
    before = text(reader, planisphere)
    initiative.unpublish()
    after = text(reader, planisphere)
    assert "Le jardin partagé des Glacis" not in after
    assert re.findall(r'data-count="(\d+)"', before) != re.findall(r'data-count="(\d+)"', after)


def test_an_initiative_inspired_by_a_contribution_shows_on_its_page(reader, shared_demo):
    initiative = InitiativePage.objects.live().first()
    contribution = Contribution.objects.published().exclude(initiatives=initiative)
    contribution = contribution.first()
    path = contribution.get_absolute_url()
    assert initiative.title not in twice(reader, path)
    initiative.inspired_by.add(contribution)
    initiative.save_revision().publish()
    assert initiative.title in text(reader, path)


def test_a_territory_renamed_shows_on_the_home_page(reader, shared_demo):
    twice(reader, "/")
    territory = TerritoryPage.objects.get(slug="grand-belfort")
    territory.title = "Territoire des Vosges saônoises"
    territory.save_revision().publish()
    assert "Territoire des Vosges saônoises" in text(reader, "/")


def test_a_signed_in_readers_second_visit_of_a_thread_reads_less(
    reader, django_assert_max_num_queries
):
    """The root count, the reply count, the menus and the comment list come from the
    fragment cache: 14 queries instead of 18, the request's savepoint included (session,
    user, groups, the thread and its page, the viewer's own comments, this page's comments,
    follow, rate limit…)."""
    path = a_public_thread().get_absolute_url()
    text(reader, path)
    text(reader, path)
    with django_assert_max_num_queries(14):
        text(reader, path)


def test_a_comment_cannot_name_the_csrf_placeholder(settings):
    """The placeholder comes from SECRET_KEY: no comment can know it in advance."""
    first = csrf_placeholder()
    settings.SECRET_KEY = "another-secret-key-for-this-test-only"
    assert csrf_placeholder() != first
    assert "token-of-this-request" not in first
