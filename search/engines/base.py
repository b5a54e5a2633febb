"""The contract every search engine keeps, whatever answers the query.

An engine receives a ``Query`` (the visitor's words, never a query language, and the chosen
facets) and returns ``Results``: the keys of the matching documents for the asked page, best
first, their total, and the facet counts over every match. ``search.results`` then reads the
rows of those keys from the database, so an engine never decides what a result shows."""

from dataclasses import dataclass, field

FACETS = ("kind", "territory", "enjeu", "maturity")
# Facets whose values are pages (a territory's or enjeu's page id), the others are strings.
PAGE_FACETS = ("territory", "enjeu")


@dataclass(frozen=True)
class Query:
    words: tuple[str, ...]  # search.french.query_words() of what the visitor typed
    kind: str = ""
    territory: int | None = None
    enjeu: int | None = None
    maturity: str = ""
    page: int = 1  # 1-based
    per_page: int = 20

    @property
    def text(self):
        return " ".join(self.words)

    @property
    def offset(self):
        return (self.page - 1) * self.per_page

    def filters(self):
        """The chosen facets: {facet: value}."""
        return {name: getattr(self, name) for name in FACETS if getattr(self, name)}


@dataclass
class Results:
    keys: list[str]  # the asked page of matching documents, best first
    total: int
    # facet → {value: count} over all matches (with the chosen filters applied); the values
    # of page facets are page ids.
    facets: dict = field(default_factory=dict)
    # The engine that answered: "database" when Elasticsearch failed and the database did.
    engine: str = ""
    fell_back: bool = False
    # True when more documents match than ``total``: the engine counted, faceted and paged only
    # the first ``total`` of them (search.engines.postgresql.MATCHES_COUNTED).
    capped: bool = False


class Engine:
    """Base of the engines. ``write`` and ``remove`` are called after the SearchDocument rows
    changed (in the same order); ``rebuild`` re-creates the engine's index from every row."""

    name = ""

    def search(self, query):
        raise NotImplementedError

    def suggest(self, words, limit):
        """Keys of up to ``limit`` documents whose title starts words with ``words`` (the last
        one a prefix), best first."""
        raise NotImplementedError

    def write(self, documents):
        """``documents``: SearchDocument rows (with their ``links`` prefetched) just saved."""

    def remove(self, keys):
        """Documents deleted from the database: drop them from the index."""

    def rebuild(self, documents, total, progress):
        """Index every row of ``documents`` (a queryset of ``total`` rows), calling
        ``progress(n)`` as rows are indexed."""
