"""Role × action matrix of the account permissions (rules predicates)."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from accounts import rules as account_rules
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def make(role):
    if role == "anonymous":
        return AnonymousUser()
    user = UserFactory()
    group = {
        "editor": "Éditeurs",
        "moderator": "Modérateurs",
        "facilitator": "Animateurs",
    }.get(role)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def build_world():
    """One account per role, another citizen and a deactivated account, built once for the
    module."""
    return {
        "roles": {role: make(role) for role in ROLES},
        "another": UserFactory(),
        "deactivated": UserFactory(is_active=False),
    }


ROLES = ["anonymous", "citizen", "editor", "moderator", "facilitator"]
ROLE_PREDICATES = [
    # role, is_editor, is_moderator, is_facilitator
    ("anonymous", False, False, False),
    ("citizen", False, False, False),
    ("editor", True, False, False),
    ("moderator", False, True, False),
    ("facilitator", False, False, True),
]


@pytest.mark.parametrize(("role", "editor", "moderator", "facilitator"), ROLE_PREDICATES)
def test_staff_predicates_follow_group_membership(world, role, editor, moderator, facilitator):
    user = world["roles"][role]
    assert account_rules.is_editor(user) is editor
    assert account_rules.is_moderator(user) is moderator
    assert account_rules.is_facilitator(user) is facilitator


@pytest.mark.parametrize("role", ["citizen", "editor", "moderator", "facilitator"])
def test_everyone_changes_their_own_profile(world, role):
    user = world["roles"][role]
    assert user.has_perm("accounts.change_profile", user)


@pytest.mark.parametrize("role", ROLES)
def test_nobody_changes_another_profile(world, role):
    assert not world["roles"][role].has_perm("accounts.change_profile", world["another"])


def test_a_deactivated_account_cannot_change_its_profile(world):
    user = world["deactivated"]
    assert not user.has_perm("accounts.change_profile", user)
