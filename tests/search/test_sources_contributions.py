"""Révoltes and rêves as search documents: published ones only, at their rounded point; every
moderation decision (one by one, in bulk from the admin, an enjeu linked) reaches the search
(an import: test_sources_imports.py)."""

import pytest

from consultation import moderation
from consultation.admin_bulk_actions import HideBulkAction, PublishBulkAction
from consultation.models import Contribution
from search.models import SearchDocument
from tests import factories
from tests.consultation.moderation_helpers import moderator
from tests.search import sources_helpers as h
from tests.search.sources_helpers import no_leftover_sync  # noqa: F401

pytestmark = pytest.mark.django_db


def build_world():
    """The indexed tree, built once for the module (the ``world`` fixture: a copy per test)."""
    return h.tree()


def contribution(world, **fields):
    with h.committed():
        return factories.ContributionFactory(territory=world["territory"], **fields)


def test_a_published_contribution_document(world, engine):
    created = contribution(
        world,
        kind="reve",
        title="Un bus le dimanche",
        text="Relier Giromagny à Belfort le dimanche.",
        latitude=47.74567,
        longitude=6.81234,
    )
    with h.committed():
        created.tags.add("transport")
        created.enjeux.add(world["enjeu"])
    row = h.document(created)
    assert (row.kind, row.title) == ("reve", "Un bus le dimanche")
    assert row.text == "Relier Giromagny à Belfort le dimanche."
    assert row.url == created.get_absolute_url()
    assert row.tags == "transport"
    assert row.point == (47.746, 6.812)  # rounded to about 100 m, as on the public map
    assert row.date == Contribution.objects.get(pk=created.pk).created_at
    assert h.places(row) == {("territory", world["territory"].pk), ("enjeu", world["enjeu"].pk)}
    assert h.found(engine, "Giromagny") == [h.key(created)]


def test_moderation_decisions_take_effect_at_once(world, engine):
    created = contribution(world, status="pending", text="Révolte fuitemoderation")
    h.assert_never_found(engine, "fuitemoderation")
    for decide, visible in [
        (lambda: moderation.publish([created], moderator()), True),
        (lambda: moderation.hide([created], moderator(), "Propos injurieux."), False),
        (lambda: moderation.publish([created], moderator()), True),
        (lambda: moderation.reject([created], moderator(), "Hors sujet."), False),
    ]:
        with h.committed():
            decide()
        assert (h.found(engine, "fuitemoderation") == [h.key(created)]) is visible


def test_the_admin_bulk_actions_reach_the_search(world):
    created = [contribution(world, status="pending") for _ in range(3)]
    with h.committed():
        PublishBulkAction.execute_action(created, moderator=moderator())
    assert all(h.document(item) for item in created)
    with h.committed():
        HideBulkAction.execute_action(created[:2], moderator=moderator(), reason="Doublon.")
    assert [h.document(item) is None for item in created] == [True, True, False]


def test_linking_an_enjeu_places_the_document_in_it(world):
    created = contribution(world)
    with h.committed():
        moderation.link_to_enjeu([created], moderator(), world["other_enjeu"])
    assert ("enjeu", world["other_enjeu"].pk) in h.places(h.document(created))


def test_deleting_a_contribution_removes_its_document(world):
    created = contribution(world)
    key = h.key(created)
    with h.committed():
        Contribution.objects.filter(pk=created.pk).delete()
    assert not SearchDocument.objects.filter(key=key).exists()
