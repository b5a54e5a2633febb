"""/contributions/: the map page, its filters (state in the URL) and the list beside the map."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from consultation.models import Contribution
from consultation.views.public import LIST_ID, PAGE_SIZE
from tests.consultation.public_helpers import (
    EXACT,
    EXACT_TEXTS,
    UNPUBLISHED,
    XSS,
    contribution,
    grid_points,
    region_world,
)

pytestmark = pytest.mark.django_db

URL = reverse("consultation:map")


build_world = region_world  # once per module (tests/worlds.py)


@pytest.fixture
def home_page(world):
    return world.home


@pytest.fixture
def region(world):
    return world.region


def html(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def listed(client, **params):
    """The contribution ids of the list beside the map, in order."""
    return [
        int(pk)
        for pk in re.findall(r'data-feature-id="contribution-(\d+)"', html(client, **params))
    ]


def errors(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.context["filter"].form.errors.as_data()


# The list ------------------------------------------------------------------------------


def test_list_shows_published_contributions_newest_first(client, region):
    first, second = contribution(region.nord), contribution(region.sud)
    assert listed(client) == [second.pk, first.pk]


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_list_leaves_out_unpublished_contributions(client, region, status):
    contribution(region.nord, status=status)
    assert listed(client) == []


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_list_leaves_out_unpublished_contributions_even_for_their_author(
    client, region, user, status
):
    contribution(region.nord, status=status, author=user)
    client.force_login(user)
    assert listed(client) == []


def test_list_items_are_the_features_of_the_geojson(client, region):
    for point in grid_points(3):
        contribution(region.nord, point)
    geojson = json.loads(client.get(reverse("consultation:geojson"), {"zoom": 14}).content)
    feature_ids = {
        f["properties"]["id"] for f in geojson["features"] if "role" not in f["properties"]
    }
    assert {f"contribution-{pk}" for pk in listed(client)} == feature_ids


def test_list_is_the_element_the_map_component_refreshes(client, region):
    page = html(client)
    assert f'data-map-list="{LIST_ID}"' in page
    assert f'id="{LIST_ID}"' in page


def test_map_reads_the_contributions_geojson_with_the_filter_form(client, region):
    page = html(client)
    assert f'data-map-source="{reverse("consultation:geojson")}"' in page
    form_id = re.search(r'data-map-filter-form="([^"]+)"', page).group(1)
    assert f'<form id="{form_id}"' in page


def test_an_item_gives_its_kind_in_words_and_as_a_shape(client, region):
    contribution(region.nord, kind="reve")
    item = re.search(r"<li data-feature-id=.*?</li>", html(client), re.S).group()
    assert 'class="kind kind--reve"' in item
    assert 'class="kind__icon" aria-hidden="true"' in item
    assert "Rêve" in item


def test_an_item_links_to_the_contribution_page(client, region):
    item = contribution(region.nord)
    assert f'href="{item.get_absolute_url()}"' in html(client)


def test_an_item_shows_its_moi_aussi_count(client, region):
    contribution(region.nord, support_count=7)
    assert 'data-support-count="7"' in html(client)


def test_list_is_paginated(client, region):
    for _ in range(PAGE_SIZE + 1):
        contribution(region.nord)
    assert len(listed(client)) == PAGE_SIZE
    assert len(listed(client, page=2)) == 1


@pytest.mark.parametrize("page", ["abc", "0", "-1", "999", "9" * 5000])
def test_an_odd_page_number_still_shows_a_page(client, region, page):
    contribution(region.nord)
    assert len(listed(client, page=page)) == 1


def test_page_links_keep_the_filters(client, region):
    for _ in range(PAGE_SIZE + 1):
        contribution(region.nord, kind="reve")
    page = html(client, kind="reve")
    assert 'href="?kind=reve&amp;page=2"' in page


# Filters ----------------------------------------------------------------------------------


def test_kind_filter_keeps_that_kind(client, region):
    reve = contribution(region.nord, kind="reve")
    contribution(region.nord, kind="revolte")
    assert listed(client, kind="reve") == [reve.pk]


def test_territory_filter_keeps_that_territory(client, region):
    contribution(region.nord)
    south = contribution(region.sud)
    assert listed(client, territoire="sud") == [south.pk]


def test_enjeu_filter_keeps_contributions_linked_to_it(client, region):
    linked = contribution(region.nord)
    linked.enjeux.add(region.enjeu)
    contribution(region.nord)
    assert listed(client, enjeu="mobilite") == [linked.pk]


def test_event_filter_keeps_contributions_from_that_event(client, region):
    captured = contribution(region.nord, source="event", event=region.event)
    contribution(region.nord)
    assert listed(client, evenement=region.event.pk) == [captured.pk]


def test_period_filter_keeps_contributions_created_in_it(client, region):
    dates = [datetime.datetime(2024, 3, day, 12) for day in (1, 2, 3)]
    made = []
    for date in dates:
        item = contribution(region.nord)
        Contribution.objects.filter(pk=item.pk).update(created_at=timezone.make_aware(date))
        made.append(item.pk)
    assert listed(client, du="2024-03-02", au="2024-03-02") == [made[1]]


def test_filter_form_shows_the_filters_from_the_url(client, region):
    page = html(client, kind="reve", territoire="sud", du="2024-03-02")
    assert '<option value="reve" selected>' in page
    assert '<option value="sud" selected>' in page
    assert 'value="2024-03-02"' in page


def test_territory_choices_leave_out_unpublished_territories(client, region):
    region.sud.unpublish()
    assert '<option value="sud"' not in html(client)


def test_private_enjeu_is_not_a_choice(client, region):
    PageViewRestriction.objects.create(page=region.enjeu, restriction_type="login")
    assert errors(client, enjeu="mobilite")["enjeu"][0].code == "invalid_choice"


@pytest.mark.parametrize(
    ("params", "field", "code"),
    [
        ({"kind": "volcan"}, "kind", "invalid_choice"),
        ({"territoire": "inconnu"}, "territoire", "invalid_choice"),
        ({"enjeu": "<b>x</b>"}, "enjeu", "invalid_choice"),
        ({"evenement": "abc"}, "evenement", "invalid_choice"),
        ({"evenement": "9" * 30}, "evenement", "invalid_choice"),
        ({"du": "hier"}, "du", "invalid"),
        ({"au": "1900-01-01"}, "au", "min_value"),
        ({"du": "2024-03-02", "au": "2024-03-01"}, "__all__", "period_reversed"),
    ],
)
def test_an_invalid_filter_is_a_form_error(client, region, params, field, code):
    assert errors(client, **params)[field][0].code == code


def test_an_invalid_filter_shows_its_error_inside_the_refreshed_list(client, region):
    contribution(region.nord)
    page = html(client, territoire="inconnu")
    refreshed = page[page.index(f'id="{LIST_ID}"') :]
    assert "data-filter-errors" in refreshed
    assert listed(client, territoire="inconnu") == []


# Counts and open data ----------------------------------------------------------------------


def territory_count(page, slug):
    return int(re.search(rf'data-territory="{slug}" data-count="(\d+)"', page).group(1))


def test_territory_counts_include_contributions_without_a_point(client, region):
    contribution(region.nord, EXACT)
    contribution(region.nord)
    page = html(client)
    assert (territory_count(page, "nord"), territory_count(page, "sud")) == (2, 0)


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_territory_counts_leave_out_unpublished_contributions(client, region, status):
    contribution(region.nord, status=status)
    assert territory_count(html(client), "nord") == 0


def test_territory_counts_follow_the_filters(client, region):
    contribution(region.nord, kind="reve")
    contribution(region.nord, kind="revolte")
    assert territory_count(html(client, kind="reve"), "nord") == 1


def test_csv_link_keeps_the_filters(client, region):
    assert f'href="{reverse("consultation:csv")}?kind=reve"' in html(client, kind="reve")


# Safety -----------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["title", "text"])
def test_markup_in_a_contribution_is_escaped(client, region, field):
    contribution(region.nord, **{field: XSS})
    page = html(client)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page


def test_no_exact_coordinate_appears(client, region):
    contribution(region.nord, EXACT)
    page = html(client)
    assert not any(text in page for text in EXACT_TEXTS)


def test_query_count_is_bounded_at_two_data_sizes(client, region, django_assert_max_num_queries):
    def add(count):
        for i, point in enumerate(grid_points(count)):
            territory = region.nord if i % 2 else region.sud
            contribution(territory, point).enjeux.add(region.enjeu)

    # Five for the layout (site, menu, footer), twelve for the filters, list and counts.
    params = {"kind": "revolte", "territoire": "nord", "enjeu": "mobilite"}
    add(4)
    client.get(URL, params)
    with django_assert_max_num_queries(17):
        assert client.get(URL, params).status_code == 200
    add(50)
    with django_assert_max_num_queries(17):
        assert client.get(URL, params).status_code == 200
