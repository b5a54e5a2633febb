"""Initiatives as search documents: a published initiative carries its fields, maturity and
places; the Modérateurs' workflow decides when a document appears or changes; unpublishing
removes it with its forum threads and their comments."""

import pytest

from initiatives import publication
from initiatives.models import InitiativePage
from search import registry
from search.models import SearchDocument
from tests import factories
from tests.initiatives.core_helpers import moderator
from tests.search import sources_helpers as h
from tests.search.sources_helpers import no_leftover_sync  # noqa: F401

pytestmark = pytest.mark.django_db


def build_world():
    """The indexed tree, built once for the module (the ``world`` fixture: a copy per test)."""
    return h.tree()


def fresh(page):
    return InitiativePage.objects.get(pk=page.pk)


def edit(page, **values):
    """A member's save through the initiatives' publication rules, committed."""
    draft = fresh(page).get_latest_revision_as_object()
    for name, value in values.items():
        setattr(draft, name, value)
    with h.committed():
        return publication.save_member_revision(fresh(page), draft, factories.UserFactory())[1]


def decide(page, action):
    state = publication.open_workflow_state(page)
    task_state = state.current_task_state
    with h.committed():
        task_state.task.specific.on_action(task_state, moderator(), action)


def test_a_published_initiative_document_has_every_field(world, engine):
    page = h.initiative(
        world,
        title="Repair café de Giromagny",
        summary="Réparer plutôt que jeter.",
        description="<p>Chaque <b>mois</b>, des bénévoles réparent.</p>",
        needs=[{"type": "need", "value": "Un local chauffé"}],
        maturity="lancement",
        location="SRID=4326;POINT(6.81 47.74)",
    )
    with h.committed():
        page.tags.add("réparation")
        page.save_revision().publish()
    row = h.document(page)
    assert row.kind == "initiative"
    assert row.title == "Repair café de Giromagny"
    assert row.url == fresh(page).get_url()
    assert "Réparer plutôt que jeter." in row.text
    assert "Chaque mois, des bénévoles réparent." in row.text
    assert "Un local chauffé" in row.text
    assert "<" not in row.text
    assert row.tags == "réparation"
    assert row.maturity == "lancement"
    assert row.point == (47.74, 6.81)
    assert fresh(page).first_published_at is not None
    assert row.date == fresh(page).first_published_at
    assert h.places(row) == {("territory", world["territory"].pk), ("enjeu", world["enjeu"].pk)}
    assert h.found(engine, "bénévoles") == [h.key(page)]


def test_maturity_labels_are_declared_for_the_facet():
    labels = registry.facet_labels("maturity")
    assert set(labels) == set(InitiativePage.Maturity.values)
    assert str(registry.kind_labels()["initiative"])


def test_a_member_s_change_published_at_once_updates_the_document(world):
    page = h.initiative(world)
    assert edit(page, summary="Un nouveau résumé") == publication.Outcome.PUBLISHED
    assert "Un nouveau résumé" in h.document(page).text


def test_a_change_waiting_for_the_moderators_keeps_the_live_document(world, engine):
    page = h.initiative(world, title="Nom validé")
    assert edit(page, title="Nom fuiteattente") == publication.Outcome.PENDING
    assert h.document(page).title == "Nom validé"
    assert h.found(engine, "fuiteattente") == []
    decide(page, "approve")
    assert h.document(page).title == "Nom fuiteattente"


def test_a_first_publication_waits_for_the_approval(world, engine):
    with h.committed():
        page = factories.InitiativePageFactory(parent=world["initiatives"], live=False)
    assert edit(page, summary="Projet fuiteattente") == publication.Outcome.PENDING
    assert h.document(page) is None
    decide(page, "reject")
    assert h.document(page) is None
    assert h.found(engine, "fuiteattente") == []
    edit(page, summary="Projet fuiteattente précisé")
    decide(page, "approve")
    assert "Projet fuiteattente précisé" in h.document(page).text
    assert h.found(engine, "fuiteattente") == [h.key(page)]


def test_unpublishing_removes_the_initiative_its_threads_and_comments(world):
    page = h.initiative(world)
    thread = h.thread(world, title="Organisation du samedi", initiative=page)
    comment = h.comment(thread, world["author"])
    with h.committed():
        fresh(page).unpublish()
    assert [h.document(obj) for obj in (page, thread, comment)] == [None, None, None]
    with h.committed():
        fresh(page).save_revision().publish()
    assert all(h.document(obj) for obj in (page, thread, comment))


def test_deleting_an_initiative_removes_its_documents(world):
    page = h.initiative(world)
    thread = h.thread(world, initiative=page)
    comment = h.comment(thread, world["author"])
    keys = [h.key(obj) for obj in (page, thread, comment)]
    with h.committed():
        fresh(page).delete()
    assert not SearchDocument.objects.filter(key__in=keys).exists()


def test_the_places_of_an_initiative_reach_its_threads_and_comments(world):
    page = h.initiative(world)
    thread = h.thread(world, initiative=page)
    comment = h.comment(thread, world["author"])
    edited = fresh(page)
    edited.territories.set([world["other_territory"]])
    edited.enjeux.set([world["other_enjeu"]])
    with h.committed():
        edited.save_revision().publish()
    expected = {("territory", world["other_territory"].pk), ("enjeu", world["other_enjeu"].pk)}
    for obj in (page, thread, comment):
        assert h.places(h.document(obj)) == expected
