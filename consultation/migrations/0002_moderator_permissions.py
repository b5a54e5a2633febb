"""Give the Modérateurs group the admin rights over contributions and reports."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = [
    ("consultation", "contribution", "view_contribution"),
    ("consultation", "contribution", "change_contribution"),
    ("moderation", "report", "view_report"),
    ("moderation", "report", "change_report"),
]


def grant(apps, schema_editor):
    for app_label in ("consultation", "moderation"):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Modérateurs")
    for app_label, model, codename in PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(
                content_type__app_label=app_label, content_type__model=model, codename=codename
            )
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Modérateurs").first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(codename__in=[p[2] for p in PERMISSIONS])
        )


class Migration(migrations.Migration):
    dependencies = [
        ("consultation", "0001_initial"),
        ("moderation", "0001_initial"),
        ("accounts", "0003_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
