"""The search page's parameters, read so that a search never fails on its input.

A visitor's query string is whatever a link, a bookmark or a robot sends: a query too long is
cut, a filter that names nothing searchable is dropped, a page number that is not one becomes
the first page. Each such change leaves a notice for the page to show; the form itself is always
valid, so a search is never answered by an error."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import facets, french, registry
from .engines.base import PAGE_FACETS, Query

# The query string parameter of each facet (French words, as the site's other URLs).
PARAMETERS = {"kind": "type", "territory": "territoire", "enjeu": "enjeu", "maturity": "maturite"}
FACET_NAMES = {
    "kind": _("type"),
    "territory": _("territory"),
    "enjeu": _("enjeu"),
    "maturity": _("maturity"),
}
# Page ids are database integers: a longer number cannot name a page (and SQLite refuses it).
PAGE_ID_MAX_DIGITS = 9
PAGE_NUMBER_MAX_DIGITS = 6
# Results deeper than this are not served (an engine pages no further than 10,000 matches).
DEEPEST_RESULT = 10_000


class LenientField(forms.CharField):
    """Text that never fails validation: NUL characters, which no database stores, are
    removed rather than refused."""

    def to_python(self, value):
        return super().to_python(value).replace("\x00", "")


class SearchForm(forms.Form):
    """Read only: the page renders its inputs from the cleaned values (the query as cut, the
    filters that were kept), never from what was sent."""

    q = LenientField(required=False)
    type = LenientField(required=False)
    territoire = LenientField(required=False)
    enjeu = LenientField(required=False)
    maturite = LenientField(required=False)
    page = LenientField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.notices = []
        # Titles of the chosen territory and enjeu pages: {(facet, page id): title}.
        self.chosen_pages = {}

    def clean_q(self):
        text = self.cleaned_data["q"]
        limit = settings.SEARCH_QUERY_MAX_LENGTH
        if len(text) > limit:
            self.notices.append(
                _("Your search was too long: only its first %(count)d characters were used.")
                % {"count": limit}
            )
            text = text[:limit].strip()
        return text

    def clean_type(self):
        return self._known("kind", self.cleaned_data["type"], registry.kind_labels())

    def clean_maturite(self):
        labels = registry.facet_labels("maturity")
        return self._known("maturity", self.cleaned_data["maturite"], labels)

    def clean_page(self):
        number = self.cleaned_data["page"]
        deepest = max(1, DEEPEST_RESULT // settings.SEARCH_RESULTS_PER_PAGE)
        if number.isascii() and number.isdigit() and len(number) <= PAGE_NUMBER_MAX_DIGITS:
            return max(1, min(int(number), deepest))
        return 1

    def clean(self):
        """Keep the chosen territory and enjeu only if they are among their facet's choices
        (one query)."""
        cleaned = self.cleaned_data
        chosen = {}
        for facet in PAGE_FACETS:
            value = cleaned.get(PARAMETERS[facet], "")
            if not value:
                continue
            if value.isascii() and value.isdigit() and len(value) <= PAGE_ID_MAX_DIGITS:
                chosen[facet] = int(value)
            else:
                self._drop(facet)
        if chosen:
            titles = facets.page_titles({facet: [page] for facet, page in chosen.items()})
            for facet, page in list(chosen.items()):
                if (facet, page) in titles:
                    self.chosen_pages[facet, page] = titles[facet, page]
                else:
                    self._drop(facet)
                    del chosen[facet]
        for facet in PAGE_FACETS:
            cleaned[PARAMETERS[facet]] = chosen.get(facet)
        return cleaned

    def _known(self, facet, value, labels):
        if value and value not in labels:
            self._drop(facet)
            return ""
        return value

    def _drop(self, facet):
        self.notices.append(
            _("The %(filter)s filter was ignored: it names nothing that can be searched.")
            % {"filter": FACET_NAMES[facet]}
        )

    @property
    def text(self):
        return self.cleaned_data["q"]

    def filters(self):
        """The chosen facets that were kept: {facet: value}."""
        chosen = {facet: self.cleaned_data[parameter] for facet, parameter in PARAMETERS.items()}
        return {facet: value for facet, value in chosen.items() if value}

    def query(self, page=None):
        """The engine's query: the visitor's words and the kept filters."""
        return Query(
            words=tuple(french.query_words(self.text, settings.SEARCH_QUERY_MAX_LENGTH)),
            page=page or self.cleaned_data["page"],
            per_page=settings.SEARCH_RESULTS_PER_PAGE,
            **self.filters(),
        )
