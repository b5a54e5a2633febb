"""How the others reach the search without importing it, and how it does without them: the
core describes its pages and facets as plain data (hooks ``describe_search_documents`` and
``describe_search_facets``), changes that send no model signal arrive through the core's
``objects_changed`` signal, and a plugin switched off leaves a search that still answers."""

import io

import pytest
from django.utils import translation
from wagtail import hooks
from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText

from cms_pages.extension_points import (
    DEMO_CONTENT,
    SEARCH_FACETS,
    SEARCH_PAGE_DOCUMENTS,
    objects_changed,
)
from cms_pages.models import HomePage, StandardPage
from search import registry, text
from search.models import SearchDocument
from search.wagtail_hooks import index_demo_content
from tests import factories
from tests.search import page_helpers
from tests.search import sources_helpers as h
from tests.search.sources_helpers import no_leftover_sync  # noqa: F401

pytestmark = pytest.mark.django_db


def build_world():
    """The indexed tree, built once for the module (the ``world`` fixture: a copy per test)."""
    return h.tree()


def describe_home_page():
    """A source the core does not describe: the home page, as plain data."""
    return [
        {
            "model": HomePage,
            "kinds": {"home": "Welcome"},
            "public": lambda: HomePage.objects.live(),
            "document": lambda page: {
                "kind": "home",
                "title": page.title,
                "url": page.get_url() or "",
                "text": ["Zéphyrin", RichText("<p>Quintessence <b>douce</b></p>"), page.body],
                "territories": [],
            },
        }
    ]


def test_a_described_source_is_searchable_while_its_hook_is_registered(world, client):
    home = world["home"]
    with hooks.register_temporarily(SEARCH_PAGE_DOCUMENTS, describe_home_page):
        assert registry.source_for(HomePage) is not None
        with h.committed():
            home.save_revision().publish()
        row = h.document(home)
        soup = page_helpers.get(client, q="quintessence")

    assert row.kind == "home"
    assert row.text == "Zéphyrin\nQuintessence douce"
    assert page_helpers.keys(soup) == [row.key]
    assert page_helpers.facet(soup, "kind") == {"home": 1}
    assert "Welcome" in soup.select_one('[data-facet="kind"]').get_text()
    assert registry.source_for(HomePage) is None


def test_the_core_describes_its_pages_as_sources(world):
    """The core's four page types become sources, found for a page of theirs."""
    kinds = registry.kind_labels()
    assert {"territory", "enjeu", "event", "page"} <= set(kinds)
    assert registry.source_for(StandardPage).kinds == {"page": kinds["page"]}


def test_a_description_text_is_read_as_plain_words():
    body = StandardPage._meta.get_field("body").stream_block
    stream = StreamValue(body, [{"type": "paragraph", "value": "<p>Du <i>vélo</i></p>"}], True)
    rich = RichText("<p>Le <b>bus</b> &amp; le train</p>")

    assert text.plain(["Un", "", None, rich, stream]) == "Un\nLe bus & le train\nDu vélo"
    assert text.plain("Déjà du texte") == "Déjà du texte"


def test_the_last_description_of_a_facet_gives_its_choices(world, client):
    """A facet description offering one territory: the other is neither counted nor kept."""
    kept = world["territory"]
    other = world["other_territory"]
    page_helpers.document("Vélo ici", territories=[kept])
    page_helpers.document("Vélo là", territories=[other])

    def one_territory():
        return [{"name": "territory", "pages": lambda: type(kept).objects.filter(pk=kept.pk)}]

    with hooks.register_temporarily(SEARCH_FACETS, one_territory, order=1):
        soup = page_helpers.get(page_helpers.english(client), q="velo")
        chosen = page_helpers.get(page_helpers.english(client), q="velo", territoire=other.pk)

    assert page_helpers.facet(soup, "territory") == {str(kept.pk): 1}
    assert "Grand Belfort" not in str(soup.select_one("main"))
    assert page_helpers.total(chosen) == 2
    assert page_helpers.notices(chosen) == [
        "The territory filter was ignored: it names nothing that can be searched."
    ]


def test_without_facet_descriptions_the_search_answers_without_page_facets(
    world, client, monkeypatch
):
    page_helpers.document("Vélo ici", territories=[world["territory"]], enjeux=[world["enjeu"]])
    monkeypatch.setitem(hooks._hooks, SEARCH_FACETS, [])

    soup = page_helpers.get(client, q="velo", territoire=world["territory"].pk)
    empty = page_helpers.get(client)

    assert page_helpers.total(soup) == 1
    assert page_helpers.facet(soup, "kind") == {"revolte": 1}
    assert not soup.select('[data-facet="territory"], [data-facet="enjeu"]')
    assert len(page_helpers.notices(soup)) == 1
    assert not empty.select("[data-search-enjeux]")


def test_with_forums_switched_off_threads_are_neither_offered_nor_followed(
    world, client, monkeypatch
):
    """A plugin's documents left in the index are not named once its source is gone, and a
    change to a page whose threads depended on it refreshes nothing of forums."""
    thread = h.thread(world)
    thread_key = h.key(thread)
    without_forums = {
        model: source
        for model, source in registry._sources.items()
        if model._meta.app_label != "forums"
    }
    monkeypatch.setattr(registry, "_sources", without_forums)

    soup = page_helpers.get(client, q="bus dimanche")
    with h.committed():
        world["enjeu"].unpublish()

    assert thread_key in page_helpers.keys(soup)
    assert "thread" not in page_helpers.facet(soup, "kind")
    # Not refreshed: nothing knows threads any more (a rebuild would remove it).
    assert SearchDocument.objects.filter(key=thread_key).exists()
    assert h.document(world["enjeu"]) is None


def test_objects_changed_refreshes_the_documents_after_commit(world):
    page = factories.StandardPageFactory(parent=world["home"], title="Avant")
    with h.committed():
        page.save_revision().publish()
    with h.committed():
        StandardPage.objects.filter(pk=page.pk).update(title="Après")
        objects_changed.send(sender=StandardPage, pks=[page.pk])
        assert h.document(page).title == "Avant"  # not before the commit

    assert h.document(page).title == "Après"


def test_the_search_rebuilds_its_index_last_among_the_demo_loaders(world):
    loaders = hooks.get_hooks(DEMO_CONTENT)
    SearchDocument.objects.all().delete()
    out = io.StringIO()

    with translation.override("en"):
        index_demo_content(out)

    assert loaders[-1] is index_demo_content
    assert h.document(world["territory"]) is not None
    assert out.getvalue().startswith("Search: ")
