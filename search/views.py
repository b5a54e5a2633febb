"""The search page and the suggestions of the header's search box.

Both take what the visitor typed as text only: ``search.french.query_words`` makes words of
it, and the engine receives those words, never a query language. Whatever the input, the
answer is a normal page (or a JSON list), never an error."""

import dataclasses
import json

from django.conf import settings
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.formats import number_format
from django.views.decorators.http import require_safe

from . import facets, french, registry, results
from .engines import get_engine
from .forms import SearchForm

SUGGESTIONS = 8
SUGGESTION_MIN_LENGTH = 2
# Titles offered on the "no result" page, from the autocomplete of the visitor's words.
NO_RESULT_SUGGESTIONS = 5
# On a "no result" page for several words, each of the first ones is tried alone.
NO_RESULT_WORDS = 4


def public_enjeux():
    """The enjeux to explore: the enjeu facet's choices, in alphabetical order."""
    return facets.listed("enjeu")


def suggested_documents(words, limit):
    """The rows of the engine's title suggestions for ``words``, best first."""
    return results.titled_documents(get_engine().suggest(words, limit)) if words else []


def single_words(engine, query, parameters):
    """[(word, count, url)]: when several words found nothing together, those of the first
    ``NO_RESULT_WORDS`` that find something alone (with the same filters)."""
    if len(query.words) < 2:
        return []
    found = []
    for word in query.words[:NO_RESULT_WORDS]:
        alone = engine.search(dataclasses.replace(query, words=(word,), page=1, per_page=1))
        if alone.total:
            found.append((word, alone.total, parameters.url(q=word)))
    return found


@require_safe
def search_results(request):
    form = SearchForm(request.GET)
    form.is_valid()  # always valid: what cannot be used is dropped, with a notice
    query = form.query()
    parameters = results.Parameters(form.text, form.filters())
    context = {
        "form": form,
        "query_text": form.text,
        "parameters": parameters,
        "query_max_length": settings.SEARCH_QUERY_MAX_LENGTH,
        "clear_filters_url": parameters.without_filters(),
        "chosen_filters": results.chosen_filters(form.filters(), form.chosen_pages, parameters),
    }
    if not form.text:
        context["enjeux"] = public_enjeux()
        return render(request, "search/results.html", context)

    engine = get_engine()
    found = engine.search(query)
    paginator = Paginator(range(found.total), query.per_page)
    if found.total and query.page > paginator.num_pages:
        query = form.query(page=paginator.num_pages)
        found = engine.search(query)
    rows = results.documents(found.keys)
    titles = results.page_titles(rows, found.facets)
    context.update(
        total=found.total,
        total_capped=found.capped,
        total_shown=number_format(found.total, force_grouping=True),
        hits=results.hits(rows, query.words, titles),
        facets=results.facets(found.facets, form.filters(), titles, parameters),
        page_obj=paginator.get_page(query.page),
        pagination_query=parameters.encode(),
        engine_fell_back=found.fell_back and request.user.is_staff,
    )
    if not found.total:
        context["suggestions"] = suggested_documents(query.words, NO_RESULT_SUGGESTIONS)
        context["single_words"] = single_words(engine, query, parameters)
        context["enjeux"] = public_enjeux()
    return render(request, "search/results.html", context)


class EscapingEncoder(json.JSONEncoder):
    """JSON in which ``<``, ``>`` and ``&`` are escaped: a title holding markup stays inert
    even if the answer were ever read as HTML."""

    ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}

    def encode(self, o):
        return super().encode(o).translate(self.ESCAPES)


@require_safe
def suggestions(request):
    """``{"suggestions": [{"title", "url", "type", "type_label"}]}``: up to eight documents
    whose title starts like what was typed (two characters at least)."""
    text = request.GET.get("q", "").replace("\x00", "").strip()
    words = []
    if len(text) >= SUGGESTION_MIN_LENGTH:
        words = french.query_words(text, settings.SEARCH_QUERY_MAX_LENGTH)
    kinds = registry.kind_labels()
    found = [
        {
            "title": row.title,
            "url": row.url,
            "type": row.kind,
            "type_label": str(kinds.get(row.kind, "")),
        }
        for row in suggested_documents(words, SUGGESTIONS)
    ]
    return JsonResponse({"suggestions": found}, encoder=EscapingEncoder)
