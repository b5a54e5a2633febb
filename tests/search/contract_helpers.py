"""Documents for the engine contract tests, built the way the site builds them.

Contributions go through the real sync path (saved, their on-commit refresh run), so each
engine receives them as it would in production. Documents of kinds whose sources live in other
apps (initiatives, threads, pages) are written as SearchDocument rows and handed to the engine
with ``search.sync.with_places``, as ``search.sync.write`` does: the contract is about what an
engine does with a document, not about how a source builds it."""

import itertools
from dataclasses import dataclass

from django.test import TestCase

from search import french
from search.engines.base import Query
from search.models import DocumentPlace, SearchDocument
from search.sync import with_places
from tests import factories

# Enough for a visitor's longest query (the SEARCH_QUERY_MAX_LENGTH setting's default).
QUERY_MAX_LENGTH = 200

_direct_pks = itertools.count(900_001)
# The model behind each kind of document written directly (its key names it).
KIND_MODELS = {
    "initiative": "initiatives.initiativepage",
    "thread": "forums.thread",
    "comment": "forums.comment",
    "page": "wagtailcore.page",
}


@dataclass
class Places:
    """Two territories and two enjeux, for the facets. Their pages may have documents of
    their own (« Territoire 3 », « Enjeu 4 »): the tests search other words."""

    territory: object
    other_territory: object
    enjeu: object
    other_enjeu: object


def places():
    home = factories.site_with_home_page()
    territories = factories.TerritoryIndexPageFactory(parent=home)
    enjeux = factories.EnjeuIndexPageFactory(parent=home)
    return Places(
        territory=factories.TerritoryPageFactory(parent=territories),
        other_territory=factories.TerritoryPageFactory(parent=territories),
        enjeu=factories.EnjeuPageFactory(parent=enjeux),
        other_enjeu=factories.EnjeuPageFactory(parent=enjeux),
    )


def committed():
    """Run the on-commit callbacks (the search refresh among them) when the block ends, as a
    real commit would."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def contribution(territory, text, title="", kind="revolte", tags=(), enjeux=()):
    """A published contribution whose document reached the engine through the sync."""
    with committed():
        created = factories.ContributionFactory(
            territory=territory, title=title, text=text, kind=kind
        )
        if tags:
            created.tags.add(*tags)
        if enjeux:
            created.enjeux.add(*enjeux)
    return created


def key(obj):
    return f"{obj._meta.label_lower}:{obj.pk}"


def document(engine, kind, title, text="", tags="", territories=(), enjeux=(), maturity=""):
    """A document of another app's kind (see KIND_MODELS), written as a row then sent to
    ``engine``. Returns its key."""
    row = SearchDocument.objects.create(
        key=f"{KIND_MODELS[kind]}:{next(_direct_pks)}",
        kind=kind,
        title=title,
        text=text,
        tags=tags,
        url=f"/{kind}/{title}/",
        maturity=maturity,
    )
    DocumentPlace.objects.bulk_create(
        [DocumentPlace(document=row, relation="territory", page=page) for page in territories]
        + [DocumentPlace(document=row, relation="enjeu", page=page) for page in enjeux]
    )
    engine.write(with_places(SearchDocument.objects.filter(pk=row.pk)))
    return row.key


def query(text, **filters):
    """The engine's query for what a visitor typed, as the search page builds it."""
    return Query(words=tuple(french.query_words(text, QUERY_MAX_LENGTH)), **filters)


def search(engine, text, **filters):
    return engine.search(query(text, **filters))


def found(engine, text, **filters):
    """The keys of every match of ``text`` (one large page)."""
    return set(search(engine, text, per_page=1000, **filters).keys)


def suggest(engine, text, limit=8):
    return engine.suggest(french.query_words(text, QUERY_MAX_LENGTH), limit)
