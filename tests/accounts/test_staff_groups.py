"""The data migration creates the staff groups with their permissions."""

import pytest
from django.contrib.auth.models import Group
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

from tests.factories import StandardPageFactory, UserFactory

pytestmark = pytest.mark.django_db


def image_permissions():
    return policy_registry.get_by_type(get_image_model())


def member_of(group_name):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_the_three_staff_groups_exist():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Éditeurs", "Modérateurs", "Animateurs"} <= names


def test_wagtail_starter_groups_are_replaced():
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


@pytest.mark.parametrize("group_name", ["Éditeurs", "Modérateurs", "Animateurs"])
def test_every_staff_group_reaches_the_admin(group_name):
    assert member_of(group_name).has_perm("wagtailadmin.access_admin")


def test_citizens_do_not_reach_the_admin():
    assert not UserFactory().has_perm("wagtailadmin.access_admin")


def test_editors_publish_pages(home_page):
    page = StandardPageFactory(parent=home_page)
    assert page.permissions_for_user(member_of("Éditeurs")).can_publish()


def test_moderators_neither_edit_nor_publish_editorial_pages(home_page):
    page = StandardPageFactory(parent=home_page)
    permissions = page.permissions_for_user(member_of("Modérateurs"))
    assert not permissions.can_edit()
    assert not permissions.can_publish()


def test_facilitators_do_not_edit_pages(home_page):
    page = StandardPageFactory(parent=home_page)
    assert not page.permissions_for_user(member_of("Animateurs")).can_edit()


def test_editors_upload_images():
    assert image_permissions().user_has_permission(member_of("Éditeurs"), "add")


def test_facilitators_do_not_upload_images():
    assert not image_permissions().user_has_permission(member_of("Animateurs"), "add")
