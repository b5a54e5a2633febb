"""“Mes initiatives”: the citizen's initiatives as porteur, member or requester, drafts
included, and their short list on the profile page."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.initiatives import membership_helpers as helpers

pytestmark = pytest.mark.django_db

MINE = reverse("initiatives:mine")


def build_world():
    """A site with the initiative index, built once for the module."""
    return helpers.index_page()


@pytest.fixture
def index(world):
    return world


@pytest.fixture
def citizen(client):
    user = UserFactory()
    client.force_login(user)
    return user


def listed(response, section):
    """The initiative ids listed in one section of the page, in order."""
    return [m.initiative_id for m in response.context[section]]


def test_lists_each_initiative_in_its_section(client, index, citizen):
    carried = helpers.initiative(index, porteur=False)
    helpers.add(carried, citizen, role="porteur")
    joined = helpers.initiative(index)
    helpers.add(joined, citizen)
    asked = helpers.initiative(index, policy="on_request")
    helpers.add(asked, citizen, status="pending")
    helpers.add(helpers.initiative(index), UserFactory())

    response = client.get(MINE)

    assert (
        listed(response, "porteur"),
        listed(response, "member"),
        listed(response, "pending"),
    ) == (
        [carried.pk],
        [joined.pk],
        [asked.pk],
    )


def test_a_draft_is_listed_with_its_status_page_and_no_public_link(client, index, citizen):
    draft = helpers.initiative(index, live=False, porteur=False, title="Jardin partagé")
    helpers.add(draft, citizen, role="porteur")
    html = client.get(MINE).content.decode()
    assert "Jardin partagé" in html
    assert reverse("initiatives:status", args=[draft.pk]) in html
    assert draft.url and f'href="{draft.url}"' not in html
    assert 'data-live="false"' in html


def test_a_published_initiative_links_to_its_public_page(client, index, citizen):
    page = helpers.initiative(index)
    helpers.add(page, citizen)
    assert f'href="{page.url}"' in client.get(MINE).content.decode()


def test_porteur_sees_how_many_requests_wait(client, index, citizen):
    page = helpers.initiative(index, porteur=False, policy="on_request")
    helpers.add(page, citizen, role="porteur")
    for _ in range(3):
        helpers.add(page, status="pending")
    response = client.get(MINE)
    assert response.context["porteur"][0].pending_count == 3


def test_query_count_does_not_grow_with_initiatives(
    client, index, citizen, django_assert_max_num_queries, django_assert_num_queries
):
    helpers.add(helpers.initiative(index), citizen, role="porteur")
    client.get(MINE)  # Wagtail caches the site's root paths on the first request.
    with django_assert_max_num_queries(12) as one:
        assert client.get(MINE).status_code == 200
    for _ in range(8):
        helpers.add(helpers.initiative(index), citizen, role="porteur")
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(MINE).status_code == 200


def test_empty_list_says_so(client, citizen, index):
    assert "data-empty" in client.get(MINE).content.decode()


def test_visitor_is_sent_to_log_in(client, index):
    assert client.get(MINE).url.startswith(reverse("account_login"))


def test_profile_lists_the_citizens_initiatives(client, index, citizen):
    page = helpers.initiative(index, title="Repair café")
    helpers.add(page, citizen)
    html = client.get(reverse("accounts:profile")).content.decode()
    assert "data-profile-initiatives" in html
    assert "Repair café" in html
    assert f'href="{MINE}"' in html


def test_profile_lists_five_initiatives_at_most(client, index, citizen):
    for number in range(7):
        helpers.add(helpers.initiative(index, title=f"Projet {number}"), citizen)
    html = client.get(reverse("accounts:profile")).content.decode()
    assert sum(f"Projet {number}" in html for number in range(7)) == 5
