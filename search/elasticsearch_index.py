"""The Elasticsearch index of the search documents, defined with elasticsearch-dsl.

The site reads and writes one alias (the SEARCH_ELASTICSEARCH_INDEX setting); each rebuild
fills a new concrete index ``<alias>-<timestamp>`` then moves the alias onto it, so searches
never see a half-built index.

French text is analysed as the database engine does it (``search.french``): elided articles
dropped, lower case, accents folded, then the Snowball French stemmer. Folding comes *before*
the stemmer because the stemmer reads accents: it stems « mobilités » to « mobil » but
« mobilites » to « mobilit »; once folded both are « mobilit », and « école » and « ecole »
both « ecol ». The stop words are matched after folding as well, on the query and on the
documents alike, so both sides always drop the same words."""

from django.utils import timezone
from elasticsearch_dsl import (
    Date,
    GeoPoint,
    Index,
    Integer,
    Keyword,
    Mapping,
    Text,
    analyzer,
    token_filter,
)

# The articles French elides before a vowel (« l'école », « jusqu'au »), as ``search.french``.
FRENCH_ARTICLES = ["l", "d", "j", "qu", "n", "s", "t", "c", "m"]
FRENCH_ARTICLES += ["jusqu", "lorsqu", "puisqu", "quoiqu"]
# Autocomplete matches the beginnings of title words from this many characters.
AUTOCOMPLETE_MIN_GRAM = 2
AUTOCOMPLETE_MAX_GRAM = 20

french_elision = token_filter(
    "french_elision", type="elision", articles_case=True, articles=FRENCH_ARTICLES
)
french_stop = token_filter("french_stop", type="stop", stopwords="_french_")
french_stemmer = token_filter("french_stemmer", type="stemmer", language="french")
title_prefixes = token_filter(
    "title_prefixes",
    type="edge_ngram",
    min_gram=AUTOCOMPLETE_MIN_GRAM,
    max_gram=AUTOCOMPLETE_MAX_GRAM,
    # A word longer than the longest prefix is still found when typed in full.
    preserve_original=True,
)

# Words as they are compared: the same folding on both sides of every text field.
FOLDING = [french_elision, "lowercase", "asciifolding"]

french = analyzer(
    "french_folded", tokenizer="standard", filter=[*FOLDING, french_stop, french_stemmer]
)
# Indexed: every prefix of every title word; searched: the folded words as typed.
autocomplete = analyzer("autocomplete", tokenizer="standard", filter=[*FOLDING, title_prefixes])
autocomplete_search = analyzer("autocomplete_search", tokenizer="standard", filter=FOLDING)


def mapping():
    """The fields of a document: text to match, keywords and page ids for the facets."""
    fields = Mapping()
    fields.meta("dynamic", "strict")
    fields.field("key", Keyword())
    fields.field("kind", Keyword())
    fields.field(
        "title",
        Text(
            analyzer=french,
            fields={
                "autocomplete": Text(analyzer=autocomplete, search_analyzer=autocomplete_search)
            },
        ),
    )
    fields.field("text", Text(analyzer=french))
    fields.field("tags", Text(analyzer=french))
    fields.field("places_names", Text(analyzer=french))
    fields.field("url", Keyword(index=False))
    fields.field("maturity", Keyword())
    # Page ids of the document's territories and enjeux (several each).
    fields.field("territories", Integer())
    fields.field("enjeux", Integer())
    fields.field("date", Date())
    fields.field("location", GeoPoint())
    return fields


def definition(name):
    """The elasticsearch-dsl ``Index`` called ``name``, with its analysis and mapping."""
    index = Index(name)
    index.mapping(mapping())
    return index


def concrete_name(alias):
    """A new concrete index name for ``alias``: ``<alias>-<timestamp>``."""
    return f"{alias}-{timezone.now():%Y%m%d%H%M%S%f}"


def document_body(row):
    """The indexed form of a SearchDocument ``row`` (its ``links`` prefetched)."""
    places = {relation: [] for relation in ("territory", "enjeu")}
    for link in row.links.all():
        places[link.relation].append(link.page_id)
    point = row.point
    return {
        "key": row.key,
        "kind": row.kind,
        "title": row.title,
        "text": row.text,
        "tags": row.tags,
        "places_names": row.places_names,
        "url": row.url,
        # An empty maturity is no facet value: left out, as the database engine leaves it.
        "maturity": row.maturity or None,
        "territories": sorted(places["territory"]),
        "enjeux": sorted(places["enjeu"]),
        "date": row.date.isoformat() if row.date else None,
        "location": {"lat": point[0], "lon": point[1]} if point else None,
    }
