"""Create the staff groups (Éditeurs, Modérateurs, Animateurs) with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADMIN_ACCESS = [("wagtailadmin", "admin", "access_admin")]
GROUPS = {
    "Éditeurs": {
        "model": [
            *ADMIN_ACCESS,
            ("taggit", "tag", "add_tag"),
            ("taggit", "tag", "change_tag"),
        ],
        "page": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
        "collection": [
            ("wagtailimages", "image", "add_image"),
            ("wagtailimages", "image", "change_image"),
            ("wagtailimages", "image", "choose_image"),
            ("wagtaildocs", "document", "add_document"),
            ("wagtaildocs", "document", "change_document"),
            ("wagtaildocs", "document", "choose_document"),
        ],
    },
    "Modérateurs": {
        "model": [*ADMIN_ACCESS, ("taggit", "tag", "change_tag")],
        "page": ["change_page", "lock_page"],
        "collection": [],
    },
    "Animateurs": {"model": [*ADMIN_ACCESS], "page": [], "collection": []},
}


def get_permission(apps, app_label, model, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(
        content_type__app_label=app_label, content_type__model=model, codename=codename
    )


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    # Wagtail's starter groups would sit beside ours with overlapping rights; drop them if unused.
    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()

    for name, spec in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*(get_permission(apps, *p) for p in spec["model"]))
        for codename in spec["page"]:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root_page,
                permission=get_permission(apps, "wagtailcore", "page", codename),
            )
        for app_label, model, codename in spec["collection"]:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=get_permission(apps, app_label, model, codename),
            )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
