"""The database engine: the SearchDocument rows searched by the database itself.

PostgreSQL matches the rows' own generated vector columns (``search.engines.postgresql``, in
its ``aac_french`` configuration: accents folded, then French stems). SQLite goes through
Wagtail's search, whose FTS5 index holds the stems computed in ``search.french``; the query is
stemmed the same way here. Either index follows the rows as they are saved (generated columns;
Wagtail's signal handlers), so ``write`` and ``remove`` have nothing left to do."""

from django.db import connection
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q
from wagtail.search.backends import get_search_backend

from .. import french
from ..models import DocumentPlace, SearchDocument
from . import postgresql
from .base import FACETS, PAGE_FACETS, Engine, Results


def _search_text(words):
    return " ".join(french.stem(word) for word in words)


def filtered_documents(query):
    """SearchDocument rows narrowed to the query's chosen facets (before any text match)."""
    documents = SearchDocument.objects.all()
    if query.kind:
        documents = documents.filter(kind=query.kind)
    if query.maturity:
        documents = documents.filter(maturity=query.maturity)
    for relation in PAGE_FACETS:
        page = getattr(query, relation)
        if page:
            linked = DocumentPlace.objects.filter(relation=relation, page_id=page)
            documents = documents.filter(id__in=linked.values("document_id"))
    return documents


def _matching(results):
    """Every row the search ``results`` match, as an unordered queryset (for the facets)."""
    compiler = results.query_compiler
    return compiler.search(compiler.get_config(results.backend), None, None).order_by()


def ranked(backend, text, documents, results):
    """The rows of ``results``, best first: those whose title matches, then the others, each
    group in bm25 order. FTS5 alone would not keep a title match first: it ranks all columns
    alike (one bm25 over the row)."""
    compiler = results.query_compiler
    rows = compiler.search(compiler.get_config(backend), None, None, score_field="_score")
    title_results = backend.search(
        text, documents, fields=["title"], operator="and", order_by_relevance=False
    )
    in_title = Q(pk__in=_matching(title_results).values("pk"))
    title_match = ExpressionWrapper(in_title, output_field=BooleanField())
    # bm25: the best the lowest.
    return rows.annotate(title_match=title_match).order_by(
        F("title_match").desc(), F("_score").asc(), "-pk"
    )


def facet_counts(matching):
    """``(total, facets)`` over the rows of ``matching``: facet → {value: count}. Two queries,
    each a full match: the rows counted by kind and maturity together (a few dozen pairs,
    which also give the total), then the territories and enjeux together."""
    total, facets = 0, {name: {} for name in FACETS}
    pairs = matching.values_list("kind", "maturity").annotate(n=Count("pk")).order_by()
    for kind, maturity, count in pairs:
        total += count
        for name, value in (("kind", kind), ("maturity", maturity)):
            if value:
                facets[name][value] = facets[name].get(value, 0) + count
    if not total:
        return 0, {}
    places = (
        DocumentPlace.objects.filter(document__in=matching.values("pk"))
        .values_list("relation", "page_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for relation, page, count in places:
        facets[relation][page] = count
    return total, facets


class DatabaseEngine(Engine):
    name = "database"

    def search(self, query):
        if not query.words:
            return Results(keys=[], total=0, facets={}, engine=self.name)
        if connection.vendor == "postgresql":
            return postgresql.search(filtered_documents(query), query)
        backend = get_search_backend()
        text, documents = _search_text(query.words), filtered_documents(query)
        results = backend.search(text, documents, operator="and")
        total, facets = facet_counts(_matching(results))
        if not total:
            return Results(keys=[], total=0, facets={}, engine=self.name)
        # Only the keys: the page reads its rows by key, so the long text never leaves here.
        keys = ranked(backend, text, documents, results).values_list("key", flat=True)
        keys = list(keys[query.offset : query.offset + query.per_page])
        return Results(keys=keys, total=total, facets=facets, engine=self.name)

    def suggest(self, words, limit):
        if not words:
            return []
        if connection.vendor == "postgresql":
            return postgresql.suggest(words, limit)
        backend = get_search_backend()
        text = " ".join(french.fold(word) for word in words)
        results = backend.autocomplete(text, SearchDocument.objects.only("key"), operator="and")
        return [document.key for document in results[:limit]]
