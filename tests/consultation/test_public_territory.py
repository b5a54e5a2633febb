"""A territory page shows the map of its révoltes and rêves, their counts by kind and a link
to their list."""

import re

import pytest
from django.urls import reverse

from tests.consultation.public_helpers import (
    UNPUBLISHED,
    contribution,
    grid_points,
    region_world,
)

pytestmark = pytest.mark.django_db


build_world = region_world  # once per module (tests/worlds.py)


@pytest.fixture
def home_page(world):
    return world.home


@pytest.fixture
def region(world):
    return world.region


def html(client, territory):
    response = client.get(territory.url)
    assert response.status_code == 200
    return response.content.decode()


def kind_count(page, kind):
    return int(re.search(rf'data-kind="{kind}" data-count="(\d+)"', page).group(1))


def test_map_reads_the_contributions_of_this_territory(client, region):
    source = f"{reverse('consultation:geojson')}?territoire=nord"
    assert f'data-map-source="{source}"' in html(client, region.nord)


def test_counts_give_each_kind_of_published_contribution(client, region):
    contribution(region.nord, kind="revolte")
    contribution(region.nord, kind="reve")
    contribution(region.nord, kind="reve")
    contribution(region.sud, kind="reve")
    page = html(client, region.nord)
    assert (kind_count(page, "revolte"), kind_count(page, "reve")) == (1, 2)


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_counts_leave_out_unpublished_contributions(client, region, status):
    contribution(region.nord, kind="reve", status=status)
    assert kind_count(html(client, region.nord), "reve") == 0


def test_links_to_the_list_of_its_contributions(client, region):
    link = f'href="{reverse("consultation:map")}?territoire=nord"'
    assert link in html(client, region.nord)


def test_query_count_is_bounded_at_two_data_sizes(client, region, django_assert_max_num_queries):
    for point in grid_points(3):
        contribution(region.nord, point)
    client.get(region.nord.url)
    # As cms_pages' own bound for a territory page, plus one for the counts by kind.
    with django_assert_max_num_queries(18):
        assert client.get(region.nord.url).status_code == 200
    for i, point in enumerate(grid_points(40)):
        contribution(region.nord, point, kind="reve" if i % 2 else "revolte")
    with django_assert_max_num_queries(18):
        assert client.get(region.nord.url).status_code == 200
