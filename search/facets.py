"""The choices of the page facets (territory, enjeu), as the core describes them.

The ``describe_search_facets`` hook (``cms_pages.extension_points.SEARCH_FACETS``) gives, for
each page facet, a callable returning the queryset of the pages a visitor may choose: live and
outside every view restriction. The search reads their ids, titles and URLs, never their
models: a page outside that queryset is never named, and a facet nobody describes is not
offered."""

from django.db.models import CharField, Value
from wagtail import hooks

from cms_pages.collation import french_sort_key
from cms_pages.extension_points import SEARCH_FACETS

from .engines.base import PAGE_FACETS


def page_choices():
    """{facet: pages()} of the described page facets, in the engine's order; when several
    hooks describe a facet, the last (by hook order) wins."""
    described = {}
    for describe in hooks.get_hooks(SEARCH_FACETS):
        for description in describe():
            if description["name"] in PAGE_FACETS:
                described[description["name"]] = description["pages"]
    return {facet: described[facet] for facet in PAGE_FACETS if facet in described}


def page_titles(wanted):
    """{(facet, page id): title} of the pages of ``wanted`` ({facet: page ids}) that may be
    chosen in their facet, in one query whatever the number of facets."""
    choices = page_choices()
    parts = [
        choices[facet]()
        .filter(pk__in=ids)
        .order_by()
        .annotate(facet=Value(facet, output_field=CharField()))
        .values_list("facet", "pk", "title")
        for facet, ids in wanted.items()
        if ids and facet in choices
    ]
    if not parts:
        return {}
    query = parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]
    return {(facet, pk): title for facet, pk, title in query}


def of_facet(titles, facet):
    """{page id: title} of ``facet``'s pages among ``titles`` ({(facet, page id): title})."""
    return {pk: title for (name, pk), title in titles.items() if name == facet}


def listed(facet):
    """Every page that may be chosen in ``facet``, in alphabetical order (« Économie » among
    the E, not after Z); none when nobody describes the facet."""
    pages = page_choices().get(facet)
    if pages is None:
        return []
    return sorted(pages().only("title", "url_path"), key=lambda page: french_sort_key(page.title))
