"""What the search page shows, made from an engine's ``Results``.

An engine answers with keys, a total and facet counts; the cards are read here from the
SearchDocument rows of those keys (one query, and one for their territories and enjeux), and
every page named on the page (a card's territory, a facet's value) is titled from its facet's
choices (``search.facets``: live, unrestricted pages) in one more query: a page the public may
not see is never named."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch
from django.http import QueryDict
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from . import facets as page_facets
from . import french, registry
from .engines.base import PAGE_FACETS
from .forms import FACET_NAMES, PARAMETERS
from .highlight import excerpt, highlight
from .models import DocumentPlace, SearchDocument

FACET_TITLES = {
    "kind": _("Type"),
    "territory": _("Territory"),
    "enjeu": _("Enjeu"),
    "maturity": _("Maturity"),
}


@dataclass
class Hit:
    """One result card."""

    key: str
    kind: str
    kind_label: str
    url: str
    title: SafeString
    excerpt: SafeString
    date: datetime | None
    maturity: str = ""
    maturity_label: str = ""
    territories: list[str] = field(default_factory=list)
    enjeux: list[str] = field(default_factory=list)


@dataclass
class Option:
    """A value of a facet: ``url`` filters by it (or, once chosen, removes it)."""

    value: object
    label: str
    count: int
    url: str
    chosen: bool = False


@dataclass
class Facet:
    name: str
    title: str
    options: list[Option]


@dataclass
class ChosenFilter:
    """A kept filter, with the link that removes it."""

    name: str
    label: str
    remove_url: str


def in_key_order(keys, rows):
    """``rows`` in the order of ``keys``; a key without a row (its document was removed since
    the engine indexed it) is skipped."""
    by_key = {row.key: row for row in rows}
    return [by_key[key] for key in keys if key in by_key]


def documents(keys):
    """The SearchDocument rows of ``keys``, in order, each with its territory and enjeu links
    (two queries)."""
    links = DocumentPlace.objects.only("document_id", "relation", "page_id")
    rows = SearchDocument.objects.filter(key__in=keys).prefetch_related(Prefetch("links", links))
    return in_key_order(keys, rows)


def titled_documents(keys):
    """The rows of ``keys``, in order, with only what a link to them needs (one query)."""
    rows = SearchDocument.objects.filter(key__in=keys).only("key", "kind", "title", "url")
    return in_key_order(keys, rows)


def page_titles(rows, counts):
    """{(facet, page id): title} of the pages the cards of ``rows`` and the facet ``counts``
    name, among those their facet offers (one query)."""
    wanted = {facet: set(counts.get(facet, {})) for facet in PAGE_FACETS}
    for row in rows:
        for link in row.links.all():
            wanted[link.relation].add(link.page_id)
    return page_facets.page_titles(wanted)


def hits(rows, words, titles):
    """Cards of ``rows`` for the query ``words``; ``titles`` ({(facet, page id): title})
    names their public pages."""
    kinds = registry.kind_labels()
    maturities = registry.facet_labels("maturity")
    cards = []
    for row in rows:
        places = {relation: [] for relation in PAGE_FACETS}
        for link in row.links.all():
            if (link.relation, link.page_id) in titles:
                places[link.relation].append(titles[link.relation, link.page_id])
        cards.append(
            Hit(
                key=row.key,
                kind=row.kind,
                kind_label=kinds.get(row.kind, ""),
                url=row.url,
                title=highlight(row.title, words),
                excerpt=excerpt(row.text, words),
                date=row.date,
                maturity=row.maturity,
                maturity_label=maturities.get(row.maturity, ""),
                territories=sorted(places["territory"], key=french.fold),
                enjeux=sorted(places["enjeu"], key=french.fold),
            )
        )
    return cards


class Parameters:
    """The kept parameters of the search (the query as cut, the kept filters), from which
    every link of the page is made: filtering keeps the query and goes back to page 1."""

    def __init__(self, text, filters):
        self.values = {"q": text} if text else {}
        for facet, value in filters.items():
            self.values[PARAMETERS[facet]] = value

    def encode(self, **changes):
        values = {**self.values, **changes}
        query = QueryDict(mutable=True)
        for name, value in values.items():
            if value not in (None, ""):
                query[name] = value
        return query.urlencode()

    def url(self, **changes):
        return "?" + self.encode(**changes)

    def without_filters(self):
        """The search's URL with the words only."""
        return self.url(**dict.fromkeys(PARAMETERS.values()))

    def hidden_filters(self):
        """(name, value) of the kept filters, for the search form to carry them."""
        return [(name, value) for name, value in self.values.items() if name != "q"]


def facet_values_labels(facet, titles):
    """{value: label} of ``facet``; a page facet's from ``titles`` ({(facet, page id): title})."""
    if facet == "kind":
        return registry.kind_labels()
    if facet == "maturity":
        return registry.facet_labels("maturity")
    return page_facets.of_facet(titles, facet)


def facets(counts, filters, titles, parameters):
    """The facets to show: each value that can be chosen (a known type or maturity, a public
    page) with its count, most frequent first."""
    shown = []
    for facet in ("kind", "territory", "enjeu", "maturity"):
        labels = facet_values_labels(facet, titles)
        parameter = PARAMETERS[facet]
        options = []
        for value, count in counts.get(facet, {}).items():
            if value not in labels:
                continue
            chosen = filters.get(facet) == value
            url = parameters.url(**{parameter: None if chosen else value})
            options.append(Option(value, str(labels[value]), count, url, chosen))
        if options:
            options.sort(key=lambda option: (-option.count, french.fold(option.label)))
            shown.append(Facet(facet, FACET_TITLES[facet], options))
    return shown


def chosen_filters(filters, chosen_pages, parameters):
    """The kept filters, each named and with the link that removes it."""
    chosen = []
    for facet, value in filters.items():
        labels = facet_values_labels(facet, chosen_pages)
        chosen.append(
            ChosenFilter(
                name=str(FACET_NAMES[facet]),
                label=str(labels[value]),
                remove_url=parameters.url(**{PARAMETERS[facet]: None}),
            )
        )
    return chosen
