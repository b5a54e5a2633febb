"""Helpers of the source, sync and rebuild tests: a small world whose changes reach the search
the way they do in production (their on-commit refresh run), and what to look for in it."""

import pytest
from django.test import TestCase
from wagtail.models import PageViewRestriction

from forums import posting
from initiatives.publication import attach_workflow
from search import registry, sync
from search.engines.base import Query
from search.models import DocumentPlace, SearchDocument
from tests import factories
from tests.forums.core_helpers import old_account


def committed():
    """Run the on-commit callbacks (the search refresh among them) when the block ends, as a
    real commit would."""
    return TestCase.captureOnCommitCallbacks(execute=True)


@pytest.fixture(autouse=True)
def no_leftover_sync():
    """Objects scheduled by an earlier test whose transaction never committed are dropped,
    so each test refreshes only what it changes (and counts only its own queries)."""
    sync._pending().clear()
    yield
    sync._pending().clear()


def key(obj):
    return registry.source_for(type(obj)).key(obj.pk)


def document(obj):
    """The SearchDocument of ``obj``, or None."""
    return SearchDocument.objects.filter(key=key(obj)).first()


def places(row):
    """{(relation, page id)} of a document row."""
    return set(
        DocumentPlace.objects.filter(document=row).values_list("relation", "page_id").order_by()
    )


def found(engine, word):
    """Keys of the documents ``engine`` finds for ``word``."""
    return engine.search(Query(words=(word,), per_page=100)).keys


def stored_anywhere(word):
    """Whether any document row carries ``word`` (title, text, tags or URL)."""
    rows = SearchDocument.objects.all()
    return any(
        word.lower() in " ".join([row.title, row.text, row.tags, row.url]).lower() for row in rows
    )


def assert_never_found(engine, word):
    assert not stored_anywhere(word), f"a document carries {word!r}"
    assert found(engine, word) == [], f"{engine.name} returns {word!r}"


def restrict(page):
    """A password view restriction on ``page`` (and its subtree)."""
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )


def tree():
    """Home with two territories, two enjeux, the event index and the initiative index (with
    the Modérateurs' workflow), and a citizen: built and indexed."""
    with committed():
        home = factories.site_with_home_page()
        territories = factories.TerritoryIndexPageFactory(parent=home)
        enjeux = factories.EnjeuIndexPageFactory(parent=home)
        world = {
            "home": home,
            "territory": factories.TerritoryPageFactory(parent=territories, title="Vosges du Sud"),
            "other_territory": factories.TerritoryPageFactory(
                parent=territories, title="Grand Belfort"
            ),
            "enjeu": factories.EnjeuPageFactory(parent=enjeux, title="Mobilité"),
            "other_enjeu": factories.EnjeuPageFactory(parent=enjeux, title="Énergie"),
            "events": factories.EventIndexPageFactory(parent=home),
            "initiatives": factories.InitiativeIndexPageFactory(parent=home),
            "author": old_account(),
        }
        attach_workflow(world["initiatives"])
    return world


def initiative(world, **fields):
    """A published initiative in the world's territory and enjeu (indexed)."""
    with committed():
        page = factories.InitiativePageFactory(parent=world["initiatives"], **fields)
        page.territories.set([world["territory"]])
        page.enjeux.set([world["enjeu"]])
        page.save()
    return page


def thread(world, title="Des bus le dimanche", body="Qui est partant ?", **forum):
    page = forum.pop("enjeu", None) or forum.pop("initiative", None) or world["enjeu"]
    with committed():
        return posting.start_thread(
            author=world["author"], title=title, body=body, page=page, **forum
        )


def comment(thread, author, text="Je suis d'accord."):
    with committed():
        return posting.post_comment(thread=thread, author=author, text=text)
