"""What belongs to an enjeu or a territory is found by its name: a document's searchable text
holds the names of its territories and enjeux (below the title, with the tags), read from the
public pages only and written again when one of them is renamed or unpublished; forum messages
are searched and quoted as their rendered words, never as Markdown."""

import pytest

from search.models import SearchDocument
from tests import factories
from tests.search import sources_helpers as h
from tests.search.sources_helpers import no_leftover_sync  # noqa: F401

pytestmark = pytest.mark.django_db


def build_world():
    """The indexed tree, built once for the module (the ``world`` fixture: a copy per test)."""
    return h.tree()


def contribution(world, **fields):
    with h.committed():
        created = factories.ContributionFactory(
            territory=world["territory"], title="Un car pour le marché", text="Le samedi.", **fields
        )
        created.enjeux.add(world["enjeu"])
    return created


def filed_under_mobilite(world):
    """An initiative, a thread and a contribution filed under Mobilité, none of which says
    « mobilité » in its own words."""
    return {
        "initiative": h.initiative(
            world, title="Covoit'Sud", summary="Partager les trajets vers Belfort."
        ),
        "thread": h.thread(world, body="Qui est partant ?"),
        "contribution": contribution(world),
    }


def test_what_is_filed_under_an_enjeu_is_found_by_its_name(world, engine):
    filed = filed_under_mobilite(world)
    keys = set(h.found(engine, "mobilite"))
    assert {h.key(obj) for obj in filed.values()} <= keys
    assert h.key(world["enjeu"]) in keys
    row = h.document(filed["contribution"])
    assert row.places_names == "Mobilité Vosges du Sud"
    # The territory's name finds them too.
    assert h.key(filed["initiative"]) in h.found(engine, "vosges")


def test_a_title_match_still_comes_before_a_place_name(world, engine):
    filed = contribution(world)
    with h.committed():
        titled = factories.ContributionFactory(
            territory=world["other_territory"], title="La mobilité douce", text="À vélo."
        )
    found = h.found(engine, "mobilite")
    assert found.index(h.key(titled)) < found.index(h.key(filed))


def test_renaming_an_enjeu_rewrites_the_documents_filed_under_it(world, engine):
    filed = filed_under_mobilite(world)
    enjeu = world["enjeu"]
    with h.committed():
        enjeu.title = "Déplacements"
        enjeu.save_revision().publish()
    for obj in filed.values():
        assert "Déplacements" in h.document(obj).places_names
        assert "Mobilité" not in h.document(obj).places_names
    assert h.key(filed["contribution"]) in h.found(engine, "deplacements")


def test_an_unpublished_enjeu_s_name_leaves_the_documents(world, engine):
    filed = contribution(world)
    with h.committed():
        world["enjeu"].unpublish()
    assert h.document(filed).places_names == "Vosges du Sud"
    assert not SearchDocument.objects.filter(places_names__contains="Mobilité").exists()


def test_forum_messages_are_searched_as_their_rendered_words(world, engine):
    thread = h.thread(world, body="Dites-nous **d'où vous partez** et\n\n- à quelle heure")
    comment = h.comment(thread, world["author"], "Depuis *Giromagny*, > vers 8 h")
    words = h.document(thread).text.split()
    assert " ".join(words) == "Dites-nous d'où vous partez et à quelle heure"
    assert "*" not in h.document(comment).text
    assert "Giromagny" in h.document(comment).text
    assert h.key(thread) in h.found(engine, "partez")
