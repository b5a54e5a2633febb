"""Who may do what with an initiative: every role × every action, on a draft and on a published
initiative, asked through ``user.has_perm`` as the views ask.

Superusers hold every permission (Django answers before asking the rules): the views add the
state checks that still apply to them (joining a draft is a 404, leaving needs a membership)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from wagtail.models import PageViewRestriction

from tests.factories import UserFactory
from tests.initiatives import membership_helpers as helpers

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "citizen", "requester", "member", "porteur", "moderator", "editor", "admin"]

# Action -> (permission, what it is asked on).
ACTIONS = {
    "view draft": ("initiatives.view_initiative", "page"),
    "view": ("initiatives.view_initiative", "page"),
    "create": ("initiatives.add_initiative", None),
    "edit": ("initiatives.change_initiative", "page"),
    "publish": ("initiatives.publish_initiative", "page"),
    "join": ("initiatives.join_initiative", "page"),
    "manage members": ("initiatives.manage_members", "page"),
    "accept": ("initiatives.manage_membership", "request"),
    "refuse": ("initiatives.manage_membership", "request"),
    "promote": ("initiatives.manage_membership", "member"),
    "remove": ("initiatives.manage_membership", "member"),
    "leave": ("initiatives.leave_initiative", "page"),
    "see history": ("initiatives.view_history", "page"),
    "restore": ("initiatives.restore_revision", "page"),
    "contact": ("initiatives.contact_initiative", "page"),
    "report": ("initiatives.report_initiative", "page"),
}

MEMBERS = {"member", "porteur"}
STAFF = {"moderator", "editor", "admin"}
SIGNED_IN = set(ROLES) - {"visitor"}

# (action, state) -> the roles allowed. States: "draft", "published".
ALLOWED = {
    ("view draft", "draft"): MEMBERS | STAFF,
    ("view", "published"): set(ROLES),
    ("create", "draft"): SIGNED_IN,
    ("create", "published"): SIGNED_IN,
    # Staff do not edit from the public site; moderators decide in the admin.
    ("edit", "draft"): MEMBERS | {"admin"},
    ("edit", "published"): MEMBERS | {"admin"},
    ("publish", "draft"): {"moderator", "admin"},
    ("publish", "published"): {"moderator", "admin"},
    # A draft cannot be joined (the view answers 404, to superusers too).
    ("join", "draft"): {"admin"},
    ("join", "published"): {"citizen", "moderator", "editor", "admin"},
    ("manage members", "draft"): {"porteur", "admin"},
    ("manage members", "published"): {"porteur", "admin"},
    ("accept", "draft"): {"porteur", "admin"},
    ("accept", "published"): {"porteur", "admin"},
    ("refuse", "published"): {"porteur", "admin"},
    ("promote", "draft"): {"porteur", "admin"},
    ("promote", "published"): {"porteur", "admin"},
    ("remove", "draft"): {"porteur", "admin"},
    ("remove", "published"): {"porteur", "admin"},
    # The rule lets every porteur leave; the operation keeps the last one (see the views).
    ("leave", "draft"): MEMBERS | {"requester", "admin"},
    ("leave", "published"): MEMBERS | {"requester", "admin"},
    ("see history", "draft"): MEMBERS | {"moderator", "admin"},
    ("see history", "published"): MEMBERS | {"moderator", "admin"},
    ("restore", "draft"): MEMBERS | {"admin"},
    ("restore", "published"): MEMBERS | {"admin"},
    ("contact", "draft"): {"admin"},
    ("contact", "published"): SIGNED_IN,
    ("report", "draft"): {"admin"},
    ("report", "published"): {"citizen", "requester", "moderator", "editor", "admin"},
}


def user_in_role(role, page):
    if role == "visitor":
        return AnonymousUser()
    if role == "moderator":
        return helpers.moderator()
    if role == "editor":
        return helpers.editor()
    if role == "admin":
        return helpers.superuser()
    user = UserFactory()
    if role in {"member", "porteur"}:
        helpers.add(page, user, role="porteur" if role == "porteur" else "membre")
    elif role == "requester":
        helpers.add(page, user, status="pending")
    return user


def build_world():
    """Under one index, a draft and a published initiative, each with a porteur, a member and
    a pending request, all by other citizens."""
    index = helpers.index_page()
    built = {"index": index}
    for state in ("draft", "published"):
        page = helpers.initiative(index, live=state == "published", policy="on_request")
        built[state] = {
            "page": page,
            None: None,
            "request": helpers.add(page, status="pending"),
            "member": helpers.add(page),
        }
    return built


CASES = [
    pytest.param(role, action, state, id=f"{role}-{action}-{state}")
    for (action, state) in ALLOWED
    for role in ROLES
]


@pytest.mark.parametrize(("role", "action", "state"), CASES)
def test_role_action_matrix(world, role, action, state):
    targets = world[state]
    page = targets["page"]
    user = user_in_role(role, page)
    permission, target = ACTIONS[action]
    # Each question starts from a fresh page object, as each request does.
    obj = targets[target]
    if obj is not None:
        obj.refresh_from_db()
    if target == "page":
        obj = type(page).objects.get(pk=page.pk)

    assert user.has_perm(permission, obj) is (role in ALLOWED[(action, state)])


def test_every_action_is_in_the_matrix():
    assert {action for action, _state in ALLOWED} == set(ACTIONS)


def test_porteur_cannot_manage_a_membership_of_another_initiative(world):
    index = world["index"]
    mine = helpers.initiative(index)
    other = helpers.initiative(index)
    member_elsewhere = helpers.add(other)

    assert not helpers.porteur_of(mine).has_perm("initiatives.manage_membership", member_elsewhere)


def test_inactive_porteur_loses_every_member_permission(world):
    page = helpers.initiative(world["index"])
    porteur = helpers.porteur_of(page)
    porteur.is_active = False
    porteur.save()
    member = helpers.add(page)

    assert not any(
        [
            porteur.has_perm("initiatives.change_initiative", page),
            porteur.has_perm("initiatives.manage_members", page),
            porteur.has_perm("initiatives.manage_membership", member),
            porteur.has_perm("initiatives.leave_initiative", page),
        ]
    )


def test_pending_requester_cannot_see_a_draft(world):
    page = helpers.initiative(world["index"], live=False)
    requester = helpers.add(page, status="pending").user

    assert not requester.has_perm("initiatives.view_initiative", page)


def test_initiative_under_a_restricted_index_is_not_published(world):
    index = world["index"]
    page = helpers.initiative(index)
    PageViewRestriction.objects.create(page=index, restriction_type="login")

    assert not UserFactory().has_perm("initiatives.join_initiative", page)
    assert not UserFactory().has_perm("initiatives.view_initiative", page)


def test_initiative_beside_a_restricted_page_stays_published(world):
    index = world["index"]
    restricted = helpers.initiative(index)
    page = helpers.initiative(index)
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")

    assert UserFactory().has_perm("initiatives.join_initiative", page)
