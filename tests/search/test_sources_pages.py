"""The editors' pages as search documents: territories, enjeux, events and standard pages carry
the right fields, follow each publication, and leave the search when unpublished, restricted
or deleted."""

import datetime

import pytest
from django.utils import timezone

from cms_pages.models import Commune, StandardPage
from search import registry
from search.models import SearchDocument
from tests import factories
from tests.search import sources_helpers as h
from tests.search.sources_helpers import no_leftover_sync  # noqa: F401

pytestmark = pytest.mark.django_db

BODY = [
    {"type": "heading", "value": {"text": "Les transports du dimanche", "level": "h2"}},
    {"type": "paragraph", "value": "<p>Le <b>covoiturage</b> &amp; le vélo</p><p>partout</p>"},
    {"type": "quote", "value": {"text": "Bouger sans voiture", "source": "Un habitant"}},
    {
        "type": "call_to_action",
        "value": {"title": "Participer", "text": "", "page": None, "url": "", "label": "Go"},
    },
]


def fresh(page):
    return StandardPage.objects.get(pk=page.pk)


def build_world():
    """The indexed tree, built once for the module (the ``world`` fixture: a copy per test)."""
    return h.tree()


def test_a_territory_is_found_by_its_member_communes(world, engine):
    territory = world["territory"]
    with h.committed():
        territory.intro = "Au pied du ballon d'Alsace."
        territory.seat = "Rougemont-le-Château"
        Commune.objects.create(territory=territory, name="Giromagny", insee_code="90052")
        territory.save_revision().publish()
    row = h.document(territory)
    assert row.kind == "territory"
    assert row.title == "Vosges du Sud"
    assert row.url == territory.get_url()
    for words in ("ballon d'Alsace", "Rougemont-le-Château", "Giromagny"):
        assert words in row.text
    assert row.point == (47.6397, 6.8638)
    assert h.places(row) == {("territory", territory.pk)}
    assert h.found(engine, "Giromagny") == [h.key(territory)]


def test_an_enjeu_document_holds_plain_text_and_tags(world):
    enjeu = world["enjeu"]
    with h.committed():
        enjeu.short_description = "Se déplacer sans voiture."
        enjeu.body = BODY
        enjeu.tags.add("covoiturage", "vélo")
        enjeu.save_revision().publish()
    row = h.document(enjeu)
    assert row.kind == "enjeu"
    assert row.url == "/enjeux/" + enjeu.slug + "/"
    assert "Se déplacer sans voiture." in row.text
    assert "Les transports du dimanche" in row.text
    assert "covoiturage & le vélo" in row.text
    assert "Bouger sans voiture" in row.text
    assert "<" not in row.text and "&amp;" not in row.text
    # The heading level is a layout setting, not words anyone searches for.
    assert "h2" not in row.text.split()
    assert row.tags == "covoiturage vélo"
    assert h.places(row) == {("enjeu", enjeu.pk)}


def test_an_event_carries_its_date_place_territories_and_point(world):
    start = timezone.now() + datetime.timedelta(days=10)
    with h.committed():
        event = factories.EventPageFactory(
            parent=world["events"],
            title="Forum des solutions",
            start=start,
            place="Maison du peuple, Belfort",
            description="<p>Une <i>soirée</i> ouverte</p>",
            location="SRID=4326;POINT(6.86 47.64)",
        )
        event.territories.set([world["territory"], world["other_territory"]])
        event.save_revision().publish()
    row = h.document(event)
    assert row.kind == "event"
    assert row.date == start
    assert "Maison du peuple, Belfort" in row.text
    assert "Une soirée ouverte" in row.text
    assert row.point == (47.64, 6.86)
    assert h.places(row) == {
        ("territory", world["territory"].pk),
        ("territory", world["other_territory"].pk),
    }


def test_a_standard_page_is_a_page_document(world):
    with h.committed():
        page = factories.StandardPageFactory(
            parent=world["home"], title="La coopérative", intro="Qui sommes-nous ?", body=BODY
        )
    row = h.document(page)
    assert (row.kind, row.title, row.url) == ("page", "La coopérative", page.get_url())
    assert "Qui sommes-nous ?" in row.text and "covoiturage" in row.text


def test_the_page_kinds_have_labels():
    labels = registry.kind_labels()
    for kind in ("territory", "enjeu", "event", "page"):
        assert str(labels[kind])


def test_a_published_edit_updates_the_document_and_a_draft_does_not(world, engine):
    enjeu = world["enjeu"]
    with h.committed():
        enjeu.title = "Mobilités douces"
        enjeu.save_revision().publish()
    assert h.document(enjeu).title == "Mobilités douces"
    with h.committed():
        enjeu.title = "Brouillon fuitebrouillon"
        enjeu.save_revision()
    assert h.document(enjeu).title == "Mobilités douces"
    assert h.found(engine, "fuitebrouillon") == []


def test_unpublishing_removes_the_document_and_publishing_restores_it(world, engine):
    enjeu = world["enjeu"]
    with h.committed():
        enjeu.unpublish()
    assert h.document(enjeu) is None
    assert h.found(engine, "Mobilité") == []
    with h.committed():
        enjeu.save_revision().publish()
    assert h.document(enjeu) is not None
    assert h.key(enjeu) in h.found(engine, "Mobilité")


def test_a_view_restriction_removes_the_subtree_and_lifting_it_restores_it(world):
    with h.committed():
        parent = factories.StandardPageFactory(parent=world["home"], title="Espace équipe")
        child = factories.StandardPageFactory(parent=parent, title="Compte rendu")
    assert h.document(child) is not None
    with h.committed():
        restriction = h.restrict(parent)
    assert h.document(parent) is None
    assert h.document(child) is None
    with h.committed():
        restriction.delete()
    assert h.document(parent) is not None
    assert h.document(child) is not None


def test_a_slug_change_updates_the_urls_below(world):
    with h.committed():
        parent = factories.StandardPageFactory(parent=world["home"], slug="projet")
        child = factories.StandardPageFactory(parent=parent, slug="charte")
    assert h.document(child).url == "/projet/charte/"
    with h.committed():
        parent.slug = "le-projet"
        parent.save_revision().publish()
    assert h.document(parent).url == "/le-projet/"
    assert h.document(child).url == "/le-projet/charte/"


def test_a_move_updates_the_urls_and_a_move_under_a_restriction_removes(world):
    with h.committed():
        first = factories.StandardPageFactory(parent=world["home"], slug="premier")
        second = factories.StandardPageFactory(parent=world["home"], slug="second")
        child = factories.StandardPageFactory(parent=first, slug="charte")
    with h.committed():
        fresh(child).move(fresh(second), pos="last-child")
    assert h.document(child).url == "/second/charte/"
    with h.committed():
        h.restrict(first)
    with h.committed():
        fresh(child).move(fresh(first), pos="last-child")
    assert h.document(child) is None


def test_deleting_a_page_removes_its_document(world):
    with h.committed():
        page = factories.StandardPageFactory(parent=world["home"])
    key = h.key(page)
    with h.committed():
        page.delete()
    assert not SearchDocument.objects.filter(key=key).exists()


def test_deleting_a_restricted_page_works(world):
    """A restriction deleted with its page must not break the deletion."""
    with h.committed():
        page = factories.StandardPageFactory(parent=world["home"])
        child = factories.StandardPageFactory(parent=page)
        h.restrict(page)
    with h.committed():
        fresh(page).delete()
    assert not StandardPage.objects.filter(pk__in=[page.pk, child.pk]).exists()


def test_a_commune_added_in_its_own_listing_makes_its_territory_findable(world, engine):
    """Communes live outside the territory's revisions: saving one refreshes the document."""
    territory = world["territory"]
    with h.committed():
        Commune.objects.create(territory=territory, name="Lepuix", insee_code="90065")
    assert h.found(engine, "Lepuix") == [h.key(territory)]
