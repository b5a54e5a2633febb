"""Communes become plain rows with a point, outside the territories' revisions.

The table is kept as it is (same rows, same ids): the contributions and initiatives that
point to a commune stay valid. Only the foreign key changes kind (a ParentalKey was stored in
every territory revision; a plain ForeignKey is not), and each commune gets the point fields.
The Éditeurs, who edited communes inside the territory page, get the rights of the communes'
own admin listing.
"""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

import cms_pages.geo

EDITORS = "Éditeurs"
CODENAMES = ["add_commune", "change_commune", "delete_commune", "view_commune"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("cms_pages")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="cms_pages",
            content_type__model="commune",
            codename__in=CODENAMES,
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=EDITORS).first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="cms_pages", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cms_pages", "0002_phase_deliverables_list"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="commune",
            options={
                "ordering": ["sort_order", "name"],
                "verbose_name": "commune",
                "verbose_name_plural": "communes",
            },
        ),
        migrations.AddField(
            model_name="commune",
            name="latitude",
            field=models.FloatField(
                blank=True, db_index=True, editable=False, null=True, verbose_name="latitude"
            ),
        ),
        migrations.AddField(
            model_name="commune",
            name="location",
            field=models.CharField(
                blank=True,
                max_length=100,
                validators=[cms_pages.geo.parse_point],
                verbose_name="position on the map",
            ),
        ),
        migrations.AddField(
            model_name="commune",
            name="longitude",
            field=models.FloatField(
                blank=True, db_index=True, editable=False, null=True, verbose_name="longitude"
            ),
        ),
        migrations.AlterField(
            model_name="commune",
            name="territory",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="communes",
                to="cms_pages.territorypage",
                verbose_name="territory",
            ),
        ),
        migrations.RunPython(grant, revoke),
    ]
