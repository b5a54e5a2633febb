"""The membership part of the initiative page: its context in bounded queries, and the
include that shows the members (display names only) and the right button."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils.html import escape
from django.utils.translation import gettext

from initiatives.members import MEMBERS_SHOWN, page_membership_context
from initiatives.models import InitiativePage
from tests.factories import UserFactory
from tests.initiatives import membership_helpers as helpers

pytestmark = pytest.mark.django_db


def build_world():
    """A site with the initiative index, built once for the module."""
    return helpers.index_page()


@pytest.fixture
def index(world):
    return world


def request_for(user):
    request = RequestFactory().get("/initiatives/une-initiative/")
    request.user = user
    return request


def fresh(page):
    return InitiativePage.objects.get(pk=page.pk)


def context_for(user, page):
    return page_membership_context(request_for(user), fresh(page))


def render(user, page):
    request = request_for(user)
    page = fresh(page)
    return render_to_string(
        "initiatives/includes/membership.html",
        {"page": page, **page_membership_context(request, page)},
        request=request,
    )


def with_members(index, count):
    page = helpers.initiative(index, policy="on_request")
    for _ in range(count - 1):
        helpers.add(page)
    for _ in range(2):
        helpers.add(page, status="pending")
    return page


# Query bound.


@pytest.mark.parametrize("role", ["visitor", "citizen", "porteur"])
def test_context_queries_do_not_grow_with_members(
    index, role, django_assert_max_num_queries, django_assert_num_queries
):
    small, large = with_members(index, 3), with_members(index, 30)
    users = {
        "visitor": lambda page: AnonymousUser(),
        "citizen": lambda page: UserFactory(),
        "porteur": lambda page: helpers.porteur_of(page),
    }
    small_user, large_user = users[role](small), users[role](large)
    small_page, large_page = fresh(small), fresh(large)

    with django_assert_max_num_queries(5) as captured:
        page_membership_context(request_for(small_user), small_page)
    with django_assert_num_queries(len(captured.captured_queries)):
        context = page_membership_context(request_for(large_user), large_page)
    assert context["member_count"] == 30


def test_context_counts_members_beyond_those_shown(index):
    page = helpers.initiative(index)
    for _ in range(MEMBERS_SHOWN + 2):
        helpers.add(page)
    context = context_for(AnonymousUser(), page)
    assert (len(context["members"]), context["member_count"], context["more_members"]) == (
        MEMBERS_SHOWN,
        MEMBERS_SHOWN + 3,
        True,
    )


# What each visitor may do.


def test_porteur_sees_the_number_of_pending_requests(index):
    page = with_members(index, 3)
    context = context_for(helpers.porteur_of(page), page)
    assert (context["can_manage"], context["pending_count"]) == (True, 2)


def test_member_does_not_get_the_pending_count(index):
    page = with_members(index, 3)
    member = page.memberships.filter(role="membre", status="active").first().user
    context = context_for(member, page)
    assert (context["can_manage"], context["pending_count"], context["can_leave"]) == (
        False,
        0,
        True,
    )


def test_citizen_may_join_with_a_message_when_on_request(index):
    page = helpers.initiative(index, policy="on_request")
    context = context_for(UserFactory(), page)
    assert context["can_join"] and context["join_form"] is not None


def test_citizen_joins_without_a_form_when_open(index):
    page = helpers.initiative(index, policy="open")
    context = context_for(UserFactory(), page)
    assert context["can_join"] and context["join_form"] is None


def test_last_porteur_is_flagged(index):
    page = helpers.initiative(index)
    assert context_for(helpers.porteur_of(page), page)["is_last_porteur"]


def test_porteur_with_a_co_porteur_is_not_the_last(index):
    page = helpers.initiative(index)
    helpers.add(page, role="porteur")
    assert not context_for(helpers.porteur_of(page), page)["is_last_porteur"]


def test_superuser_is_not_offered_to_join_a_draft(index):
    page = helpers.initiative(index, live=False)
    context = context_for(helpers.superuser(), page)
    assert not any([context["can_join"], context["can_contact"], context["can_report"]])


def test_member_may_contact_but_not_report(index):
    page = helpers.initiative(index)
    member = helpers.add(page).user
    context = context_for(member, page)
    assert (context["can_contact"], context["can_report"]) == (True, False)


# The include.


def test_include_shows_display_names_and_never_email_addresses(index):
    page = helpers.initiative(index, porteur=False)
    helpers.add(page, UserFactory(display_name="Aïcha", email="aicha@example.org"), role="porteur")
    helpers.add(
        page, UserFactory(display_name="", email="sans-nom@example.org", username="sansnom")
    )
    html = render(AnonymousUser(), page)
    assert "Aïcha" in html
    assert "@example.org" not in html and "sansnom" not in html


def test_include_escapes_display_names(index):
    page = helpers.initiative(index)
    helpers.add(page, UserFactory(display_name="<script>x</script>"))
    html = render(AnonymousUser(), page)
    assert "<script>x</script>" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize(
    ("policy", "button"),
    [("open", "Join the initiative"), ("on_request", "Ask to join")],
)
def test_include_offers_the_button_of_the_policy(index, policy, button):
    page = helpers.initiative(index, policy=policy)
    html = render(UserFactory(), page)
    label = gettext(button)
    assert "data-join" in html and (label in html or escape(label) in html)
    assert ('name="message"' in html) is (policy == "on_request")


def test_include_offers_to_cancel_a_pending_request(index):
    page = helpers.initiative(index, policy="on_request")
    requester = helpers.add(page, status="pending").user
    html = render(requester, page)
    assert "data-cancel-request" in html and "data-join" not in html


def test_include_offers_to_leave_to_a_member(index):
    page = helpers.initiative(index)
    html = render(helpers.add(page).user, page)
    assert "data-leave" in html


def test_include_tells_the_last_porteur_to_promote_someone_first(index):
    page = helpers.initiative(index)
    html = render(helpers.porteur_of(page), page)
    assert "data-last-porteur" in html and "data-leave" not in html


def test_include_links_porteurs_to_the_members_page_with_the_pending_count(index):
    page = with_members(index, 3)
    html = render(helpers.porteur_of(page), page)
    assert f'href="/initiatives/{page.pk}/membres/"' in html
    assert 'data-pending-count="2"' in html


def test_include_asks_visitors_to_log_in(index):
    page = helpers.initiative(index)
    html = render(AnonymousUser(), page)
    assert "data-login-to-join" in html and "<form" not in html


# The live page.


def test_live_initiative_page_shows_its_members_and_the_join_button(client, index):
    page = helpers.initiative(index, porteur=False)
    helpers.add(
        page, UserFactory(display_name="Yasmine", email="yasmine@example.org"), role="porteur"
    )
    client.force_login(UserFactory())
    html = client.get(page.url).content.decode()
    assert "data-initiative-members" in html and "Yasmine" in html
    assert "data-join" in html
    assert "yasmine@example.org" not in html
