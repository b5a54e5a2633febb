"""Changes that send no model signal reach the page cache through ``objects_changed``: the
keys of each object named, or everything when they are too many (an import)."""

import pytest
from django.test import Client

from cms_pages.extension_points import objects_changed
from cms_pages.page_cache import invalidation
from consultation.models import Contribution

pytestmark = pytest.mark.django_db


def is_hit(client, path):
    return client.get(path).get("X-Page-Cache") == "hit"


def test_a_bulk_update_named_by_objects_changed_makes_its_pages_stale(shared_demo):
    visitor = Client()
    contribution = Contribution.objects.published().exclude(territory=None).first()
    other = Contribution.objects.published().exclude(pk=contribution.pk).first()
    paths = [contribution.get_absolute_url(), other.get_absolute_url()]
    for path in paths:
        visitor.get(path)
        assert is_hit(visitor, path)
    Contribution.objects.filter(pk=contribution.pk).update(title="Titre changé en masse")
    objects_changed.send(sender=Contribution, pks=[contribution.pk])
    assert "Titre changé en masse" in visitor.get(paths[0]).content.decode()
    assert is_hit(visitor, paths[1])  # only what shows the changed contribution


def test_an_import_of_many_objects_makes_everything_stale(shared_demo):
    visitor = Client()
    visitor.get("/enjeux/")
    assert is_hit(visitor, "/enjeux/")
    pks = list(Contribution.objects.values_list("pk", flat=True)[: invalidation.MANY + 1])
    objects_changed.send(sender=Contribution, pks=pks)
    assert not is_hit(visitor, "/enjeux/")
