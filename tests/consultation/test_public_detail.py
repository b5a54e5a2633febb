"""/contributions/<id>/: a published contribution's public page; unpublished ones only for
their author and the moderators."""

import json
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.rules import MODERATORS
from tests import factories
from tests.consultation.public_helpers import (
    EXACT,
    EXACT_TEXTS,
    UNPUBLISHED,
    XSS,
    contribution,
    make_region,
)

pytestmark = pytest.mark.django_db


def build_world():
    home = factories.site_with_home_page()
    moderator = factories.UserFactory()
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    return SimpleNamespace(home=home, region=make_region(home), moderator=moderator)


@pytest.fixture
def home_page(world):
    return world.home


@pytest.fixture
def region(world):
    return world.region


@pytest.fixture
def moderator(world):
    return world.moderator


def page(client, item):
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_published_contribution_has_a_public_page(client, region):
    item = contribution(region.nord, title="Bus de nuit", text="Plus de bus après 21 h.")
    html = page(client, item)
    assert "Bus de nuit" in html
    assert "Plus de bus après 21 h." in html


def test_an_unknown_contribution_is_a_404(client, region):
    assert client.get(reverse("consultation:detail", args=[999999])).status_code == 404


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_an_unpublished_contribution_is_a_404_for_visitors(client, region, status):
    item = contribution(region.nord, status=status)
    assert client.get(item.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_an_unpublished_contribution_is_a_404_for_other_citizens(client, region, user, status):
    item = contribution(region.nord, status=status)
    client.force_login(user)
    assert client.get(item.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_its_author_sees_an_unpublished_contribution_with_its_status(client, region, user, status):
    item = contribution(region.nord, status=status, author=user)
    client.force_login(user)
    assert f'data-status="{status}"' in page(client, item)


def test_its_author_sees_the_moderation_reason(client, region, user):
    item = contribution(
        region.nord, status="hidden", author=user, moderation_reason="Propos injurieux."
    )
    client.force_login(user)
    assert "Propos injurieux." in page(client, item)


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_a_moderator_sees_an_unpublished_contribution(client, region, moderator, status):
    item = contribution(region.nord, status=status)
    client.force_login(moderator)
    assert f'data-status="{status}"' in page(client, item)


def test_an_unpublished_page_is_not_indexed(client, region, user):
    item = contribution(region.nord, status="pending", author=user)
    client.force_login(user)
    assert '<meta name="robots" content="noindex">' in page(client, item)


def test_the_page_names_no_author_facilitator_or_participant(client, region, user):
    facilitator = factories.UserFactory(display_name="Animatrice Zoé")
    item = contribution(
        region.nord,
        author=user,
        facilitator=facilitator,
        participant_first_name="Hortense",
        participant_age_range="18_25",
        source="event",
        event=region.event,
    )
    html = page(client, item)
    for private in (user.display_name, user.username, "Animatrice Zoé", "Hortense"):
        assert private not in html


def test_source_names_the_event(client, region):
    item = contribution(region.nord, source="event", event=region.event)
    assert f'href="{region.event.url}"' in page(client, item)


def test_a_draft_event_is_not_named(client, region):
    item = contribution(region.nord, source="event", event=region.event)
    region.event.unpublish()
    assert "Forum de Belfort" not in page(client, item)


def test_territory_links_to_its_page(client, region):
    item = contribution(region.nord)
    assert f'href="{region.nord.url}"' in page(client, item)


def test_the_enjeux_it_became_are_linked(client, region):
    item = contribution(region.nord)
    item.enjeux.add(region.enjeu)
    assert f'href="{region.enjeu.url}"' in page(client, item)


def test_a_draft_enjeu_is_not_shown(client, region):
    item = contribution(region.nord)
    item.enjeux.add(region.draft_enjeu)
    assert "Brouillon" not in page(client, item)


def test_tags_are_listed(client, region):
    item = contribution(region.nord)
    item.tags.add("transports")
    assert '<li class="tag">transports</li>' in page(client, item)


def test_the_actions_of_citizens_have_their_place(client, region):
    item = contribution(region.nord)
    response = client.get(item.get_absolute_url())
    assert "consultation/includes/detail_actions.html" in [t.name for t in response.templates]


@pytest.mark.parametrize("field", ["title", "text", "tag"])
def test_markup_in_a_contribution_is_escaped(client, region, field):
    item = contribution(region.nord, **({} if field == "tag" else {field: XSS}))
    if field == "tag":
        item.tags.add(XSS)
    html = page(client, item)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


def test_the_small_map_shows_the_rounded_point(client, region):
    item = contribution(region.nord, EXACT)
    source = reverse("consultation:detail-geojson", args=[item.pk])
    assert f'data-map-source="{source}"' in page(client, item)
    (feature,) = json.loads(client.get(source).content)["features"]
    assert feature["geometry"]["coordinates"] == [6.86, 47.651]


def test_no_exact_coordinate_appears(client, region):
    item = contribution(region.nord, EXACT)
    html = (
        page(client, item)
        + client.get(reverse("consultation:detail-geojson", args=[item.pk])).content.decode()
    )
    assert not any(text in html for text in EXACT_TEXTS)


def test_a_contribution_without_point_has_no_map(client, region):
    item = contribution(region.nord)
    assert "data-map-source" not in page(client, item)


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_the_point_of_an_unpublished_contribution_is_a_404_for_others(client, region, status):
    item = contribution(region.nord, EXACT, status=status)
    url = reverse("consultation:detail-geojson", args=[item.pk])
    assert client.get(url).status_code == 404


def test_query_count_is_bounded_at_two_data_sizes(client, region, django_assert_max_num_queries):
    item = contribution(region.nord, EXACT, source="event", event=region.event)
    item.enjeux.add(region.enjeu)
    item.tags.add("bus")
    client.get(item.get_absolute_url())
    with django_assert_max_num_queries(11):
        assert client.get(item.get_absolute_url()).status_code == 200
    enjeux = factories.EnjeuIndexPageFactory._meta.model.objects.get()
    for n in range(8):
        item.enjeux.add(factories.EnjeuPageFactory(parent=enjeux))
        item.tags.add(f"mot-{n}")
    with django_assert_max_num_queries(11):
        assert client.get(item.get_absolute_url()).status_code == 200
