"""“Mes contributions”: every contribution of the signed-in citizen, with its status."""

import pytest
from django.urls import reverse

from tests.consultation.contribute_helpers import citizen_world
from tests.factories import ContributionFactory

pytestmark = pytest.mark.django_db

URL = reverse("consultation:mine")


build_world = citizen_world  # once per module (tests/worlds.py)


@pytest.fixture
def home_page(world):
    return world.home


@pytest.fixture
def territory(world):
    return world.territory


@pytest.fixture
def citizen(client, world):
    client.force_login(world.citizen)
    return world.citizen


def listed_ids(response):
    return [c.pk for c in response.context["contributions"]]


def test_visitor_is_sent_to_login(client):
    response = client.get(URL)
    assert response.url == f"{reverse('account_login')}?next={URL}"


def test_lists_own_contributions_of_every_status(client, citizen, territory):
    mine = [
        ContributionFactory(territory=territory, author=citizen, status=status)
        for status in ("pending", "published", "hidden", "rejected")
    ]
    assert sorted(listed_ids(client.get(URL))) == sorted(c.pk for c in mine)


def test_does_not_list_other_peoples_contributions(client, citizen, territory):
    ContributionFactory(territory=territory, status="pending")
    ContributionFactory(territory=territory, status="published")
    assert listed_ids(client.get(URL)) == []


def test_shows_the_status_of_each_contribution(client, citizen, territory):
    contribution = ContributionFactory(territory=territory, author=citizen, status="pending")
    content = client.get(URL).content.decode()
    assert f'data-contribution-id="{contribution.pk}" data-status="pending"' in content


@pytest.mark.parametrize("status", ["hidden", "rejected"])
def test_shows_the_moderation_reason_when_hidden_or_rejected(client, citizen, territory, status):
    ContributionFactory(
        territory=territory, author=citizen, status=status, moderation_reason="Propos injurieux"
    )
    assert "Propos injurieux" in client.get(URL).content.decode()


def test_does_not_show_a_stale_reason_once_published(client, citizen, territory):
    ContributionFactory(
        territory=territory, author=citizen, status="published", moderation_reason="Ancien motif"
    )
    assert "Ancien motif" not in client.get(URL).content.decode()


def test_moderation_reason_is_escaped(client, citizen, territory):
    ContributionFactory(
        territory=territory, author=citizen, status="hidden", moderation_reason="<i>motif</i>"
    )
    assert "&lt;i&gt;motif&lt;/i&gt;" in client.get(URL).content.decode()


@pytest.mark.parametrize("count", [3, 20])
def test_query_count_does_not_grow_with_the_list(
    client, citizen, territory, django_assert_max_num_queries, count
):
    for _ in range(count):
        contribution = ContributionFactory(territory=territory, author=citizen)
        contribution.tags.set(["bus", "nuit"])
    with django_assert_max_num_queries(12):
        client.get(URL)


def test_list_is_paginated(client, citizen, territory):
    for _ in range(21):
        ContributionFactory(territory=territory, author=citizen)
    assert len(listed_ids(client.get(URL, {"page": "2"}))) == 1


def test_profile_page_links_to_my_contributions(client, citizen):
    content = client.get(reverse("accounts:profile")).content.decode()
    assert f'href="{URL}"' in content
