"""The initiatives' part of a citizen's personal data: their memberships and join requests, the
initiatives they created, the versions they saved; never the other members."""

import json

import pytest
from wagtail import hooks

from accounts.personal_data import export_personal_data
from cms_pages.extension_points import PERSONAL_DATA
from initiatives.personal_data import export
from tests import factories

pytestmark = pytest.mark.django_db

MAX_QUERIES = 5


def build_world():
    home = factories.site_with_home_page()
    index = factories.InitiativeIndexPageFactory(parent=home)
    citizen = factories.UserFactory()
    other = factories.UserFactory(display_name="Autre porteuse", email="autre@example.org")
    garden = factories.InitiativePageFactory(parent=index, title="Jardin partagé", owner=citizen)
    factories.MembershipFactory(initiative=garden, user=citizen)
    factories.MembershipFactory(initiative=garden, user=other, role="membre")
    repair = factories.InitiativePageFactory(parent=index, title="Repair café", owner=other)
    factories.MembershipFactory(initiative=repair, user=other)
    factories.MembershipFactory(
        initiative=repair,
        user=citizen,
        role="membre",
        status="pending",
        joined_at=None,
        message="Je sais réparer les vélos.",
    )
    garden.save_revision(user=citizen)
    repair.save_revision(user=other)
    return {"citizen": citizen, "index": index}


def test_the_part_holds_the_citizens_memberships_creations_and_edits(world):
    data = export(world["citizen"])

    assert [
        (m["initiative"], m["role"], m["status"], m["message"]) for m in data["memberships"]
    ] == [
        ("Jardin partagé", "porteur", "active", ""),
        ("Repair café", "membre", "pending", "Je sais réparer les vélos."),
    ]
    assert data["memberships"][0]["joined"] is not None
    assert data["memberships"][1]["joined"] is None
    assert [(page["initiative"], page["live"]) for page in data["created"]] == [
        ("Jardin partagé", True)
    ]
    assert [edit["initiative"] for edit in data["edits"]] == ["Jardin partagé"]


def test_the_part_is_registered_and_names_no_other_member(world):
    data = export_personal_data(world["citizen"])

    assert data["parts"]["initiatives"]["label"] == "Initiatives"
    text = json.dumps(data, ensure_ascii=False)
    assert "Autre porteuse" not in text
    assert "autre@example.org" not in text
    assert any(
        fn.__module__ == "initiatives.wagtail_hooks" for fn in hooks.get_hooks(PERSONAL_DATA)
    )


def test_the_queries_do_not_grow_with_the_data(world, django_assert_max_num_queries):
    citizen = world["citizen"]
    with django_assert_max_num_queries(MAX_QUERIES):
        export(citizen)

    for _ in range(5):
        initiative = factories.InitiativePageFactory(parent=world["index"], owner=citizen)
        factories.MembershipFactory(initiative=initiative, user=citizen)
        initiative.save_revision(user=citizen)
    with django_assert_max_num_queries(MAX_QUERIES):
        data = export(citizen)
    assert len(data["memberships"]) == 7
    assert len(data["created"]) == 6
    assert len(data["edits"]) == 6
