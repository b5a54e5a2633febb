"""Modérateurs no longer edit or lock pages from the root (the home page, the legal pages…).

They approve initiatives through the « Validation des initiatives » workflow: a
GroupApprovalTask gives its group access to the page being reviewed, and
``initiatives.publication.attach_workflow`` grants them ``publish_page`` on the initiatives'
index, so neither needs ``change_page`` on the root."""

from django.db import migrations

MODERATORS = "Modérateurs"
REMOVED = ["change_page", "lock_page"]


def root_permissions(apps):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    return GroupPagePermission.objects.filter(
        group__name=MODERATORS,
        page__depth=1,
        permission__content_type__app_label="wagtailcore",
        permission__codename__in=REMOVED,
    )


def remove(apps, schema_editor):
    root_permissions(apps).delete()


def restore(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    group = Group.objects.filter(name=MODERATORS).first()
    root = Page.objects.filter(depth=1).first()
    if group is None or root is None:
        return
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=REMOVED
    ):
        GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_user_discussion_emails")]

    operations = [migrations.RunPython(remove, restore)]
