"""The database engine: Wagtail's own search over the SearchDocument rows.

PostgreSQL matches through its ``aac_french`` text search configuration (accents folded, then
French stems); SQLite's FTS5 index holds the stems computed in ``search.french`` and the query is
stemmed the same way here. Rows are indexed by Wagtail's signal handlers as they are saved, so
``write`` and ``remove`` have nothing left to do."""

from django.db import connection
from django.db.models import Count
from wagtail.search.backends import get_search_backend

from .. import french
from ..models import DocumentPlace, SearchDocument
from .base import PAGE_FACETS, Engine, Results


def _search_text(words):
    if connection.vendor == "sqlite":
        return " ".join(french.stem(word) for word in words)
    return " ".join(words)


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
    config = compiler.get_config(results.backend)
    extra = {"backend": results.backend} if connection.vendor == "postgresql" else {}
    return compiler.search(config, None, None, **extra).order_by()


def facet_counts(matching):
    """facet → {value: count} over the rows of ``matching``: three queries."""
    facets = {}
    for name in ("kind", "maturity"):
        rows = matching.exclude(**{name: ""}).values_list(name).annotate(n=Count("pk"))
        facets[name] = dict(rows.order_by())
    facets.update({relation: {} for relation in PAGE_FACETS})
    places = (
        DocumentPlace.objects.filter(document__in=matching.values("pk"))
        .values_list("relation", "page_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for relation, page, count in places:
        facets[relation][page] = count
    return facets


class DatabaseEngine(Engine):
    name = "database"

    def search(self, query):
        if not query.words:
            return Results(keys=[], total=0, facets={}, engine=self.name)
        backend = get_search_backend()
        results = backend.search(
            _search_text(query.words), filtered_documents(query), operator="and"
        )
        total = results.count()
        page = results[query.offset : query.offset + query.per_page]
        keys = [document.key for document in page]
        facets = facet_counts(_matching(results)) if total else {}
        return Results(keys=keys, total=total, facets=facets, engine=self.name)

    def suggest(self, words, limit):
        if not words:
            return []
        backend = get_search_backend()
        text = " ".join(french.fold(word) for word in words)
        results = backend.autocomplete(text, SearchDocument.objects.only("key"), operator="and")
        return [document.key for document in results[:limit]]
