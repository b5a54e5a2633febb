"""forums 0002: threads stored under an enjeu or an initiative move to their page
(``Thread.page``) and keep their id, URL and content; the way back puts them where they were.

The migrations run for real (Django's MigrationExecutor): forums back to 0001, threads written
with its historical model, then forward to 0002. Schema changes cannot run inside the test's
transaction, hence a transactional test, which leaves the schema at the latest migration."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from forums.models import Thread
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("forums", "0001_initial")]
AFTER = [("forums", "0002_thread_page")]


def migrate(targets):
    """Migrate to ``targets``; return the historical apps of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def old_thread(apps, title, **forum):
    """A thread written as forums 0001 stored it (no ``save()`` of the model: its fields set
    by hand)."""
    thread = apps.get_model("forums", "Thread")
    return thread.objects.create(
        title=title,
        slug="des-bus-le-dimanche" if forum.get("enjeu_id") else "organisation-du-samedi",
        body=f"{title} : qui est partant ?",
        body_html=f"<p>{title} : qui est partant ?</p>",
        **forum,
    )


@pytest.fixture
def pages():
    home = factories.site_with_home_page()
    enjeu = factories.EnjeuPageFactory(
        parent=factories.EnjeuIndexPageFactory(parent=home), slug="mobilite"
    )
    initiative = factories.InitiativePageFactory(
        parent=factories.InitiativeIndexPageFactory(parent=home)
    )
    return enjeu, initiative


@pytest.fixture
def at_0001():
    try:
        yield migrate(BEFORE)
    finally:
        migrate(migrate_latest())


def migrate_latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes("forums")


def test_threads_move_to_their_page_and_keep_their_urls_and_content(pages, at_0001):
    enjeu, initiative = pages
    in_enjeu = old_thread(at_0001, "Des bus le dimanche", enjeu_id=enjeu.pk)
    in_initiative = old_thread(
        at_0001, "Organisation du samedi", initiative_id=initiative.pk, members_only=True
    )

    # Through 0002 to the latest state, so that the current model can read the rows.
    migrate(migrate_latest())

    moved = Thread.objects.get(pk=in_enjeu.pk)
    assert moved.page_id == enjeu.pk
    assert moved.forum_page == enjeu
    assert (
        moved.get_absolute_url() == f"/enjeux/mobilite/discussions/{moved.pk}-des-bus-le-dimanche/"
    )
    assert (moved.title, moved.body, moved.body_html, moved.members_only) == (
        "Des bus le dimanche",
        "Des bus le dimanche : qui est partant ?",
        "<p>Des bus le dimanche : qui est partant ?</p>",
        False,
    )
    moved = Thread.objects.get(pk=in_initiative.pk)
    assert moved.page_id == initiative.pk
    assert moved.forum_page == initiative
    assert moved.get_absolute_url() == (
        f"/initiatives/{initiative.pk}/discussions/{moved.pk}-organisation-du-samedi/"
    )
    assert (moved.title, moved.members_only) == ("Organisation du samedi", True)


def test_the_way_back_puts_each_thread_under_its_enjeu_or_its_initiative(pages, at_0001):
    enjeu, initiative = pages
    in_enjeu = old_thread(at_0001, "Des bus le dimanche", enjeu_id=enjeu.pk)
    in_initiative = old_thread(at_0001, "Organisation du samedi", initiative_id=initiative.pk)
    migrate(AFTER)

    apps = migrate(BEFORE)

    thread = apps.get_model("forums", "Thread")
    assert sorted(thread.objects.values_list("pk", "enjeu_id", "initiative_id")) == [
        (in_enjeu.pk, enjeu.pk, None),
        (in_initiative.pk, None, initiative.pk),
    ]
