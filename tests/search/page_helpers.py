"""Documents, places and stand-in engines for the tests of the search page and suggestions.

Documents are written as SearchDocument rows (their save indexes them for the database engine:
Wagtail's index on SQLite, the rows' generated vectors on PostgreSQL), so these tests do not
wait on the sources of other apps."""

import itertools
from dataclasses import dataclass

from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import PageViewRestriction

from search.engines import ENGINES
from search.engines.base import Results
from search.engines.database import DatabaseEngine
from search.models import DocumentPlace, SearchDocument
from tests import factories

SEARCH = "/recherche/"
SUGGESTIONS = "/recherche/suggestions"
XSS = [
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "' onmouseover='alert(1)",
]
# What must never come back unescaped in a page or a JSON answer.
XSS_MARKERS = ["<script>alert", "<img src=x", "<svg/onload", "' onmouseover='"]

_keys = itertools.count(800_001)


@dataclass
class Places:
    territory: object
    other_territory: object
    enjeu: object
    other_enjeu: object
    enjeux_index: object


def places():
    """A site with two territories and two enjeux, all public."""
    home = factories.site_with_home_page()
    territories = factories.TerritoryIndexPageFactory(parent=home)
    enjeux = factories.EnjeuIndexPageFactory(parent=home)
    return Places(
        territory=factories.TerritoryPageFactory(parent=territories, title="Grand Belfort"),
        other_territory=factories.TerritoryPageFactory(parent=territories, title="Sud Territoire"),
        enjeu=factories.EnjeuPageFactory(parent=enjeux, title="Mobilité"),
        other_enjeu=factories.EnjeuPageFactory(parent=enjeux, title="Éducation"),
        enjeux_index=enjeux,
    )


def restrict(page):
    """Put a password restriction on ``page``: it is no longer public."""
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")


def document(
    title,
    text="",
    kind="revolte",
    tags="",
    territories=(),
    enjeux=(),
    maturity="",
    date=None,
    url=None,
):
    """A SearchDocument row (indexed as it is saved) with its places."""
    number = next(_keys)
    row = SearchDocument(
        key=f"consultation.contribution:{number}",
        kind=kind,
        title=title,
        text=text,
        tags=tags,
        url=url or f"/contributions/{number}/",
        maturity=maturity,
        date=date or timezone.now(),
    )
    row.save()
    DocumentPlace.objects.bulk_create(
        [DocumentPlace(document=row, relation="territory", page=page) for page in territories]
        + [DocumentPlace(document=row, relation="enjeu", page=page) for page in enjeux]
    )
    return row


def english(client):
    """Ask for the English interface (the language switch's cookie), whose words are the
    source strings."""
    client.cookies["django_language"] = "en"
    return client


def get(client, path=SEARCH, **params):
    """The parsed page of a search that must answer 200."""
    response = client.get(path, params)
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def total(soup):
    return int(soup.select_one("[data-search-total]")["data-search-total"])


def keys(soup):
    """The keys of the result cards, in their order."""
    return [card["data-search-key"] for card in soup.select("[data-search-key]")]


def facet(soup, name):
    """{value: count} of the facet ``name`` as shown."""
    options = soup.select(f'[data-facet="{name}"] [data-facet-value]')
    return {option["data-facet-value"]: int(option["data-count"]) for option in options}


def facet_link(soup, name, value):
    return soup.select_one(f'[data-facet="{name}"] [data-facet-value="{value}"]')["href"]


def notices(soup):
    return [item.get_text(" ", strip=True) for item in soup.select("[data-search-notices] li")]


def use_engine(monkeypatch, settings, path):
    """Make ``path`` (a dotted class path) the configured engine."""
    monkeypatch.setitem(ENGINES, "stand-in", path)
    settings.SEARCH_ENGINE = "stand-in"


class FallbackEngine(DatabaseEngine):
    """The database answering for an Elasticsearch that failed."""

    def search(self, query):
        results = super().search(query)
        results.fell_back = True
        return results


class FixedEngine(DatabaseEngine):
    """Answers every search with ``KEYS`` in that order (the ranking the page must keep)."""

    KEYS = []

    def search(self, query):
        return Results(keys=list(self.KEYS), total=len(self.KEYS), facets={}, engine="fixed")

    def suggest(self, words, limit):
        return list(self.KEYS)[:limit]
