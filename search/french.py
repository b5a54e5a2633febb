"""French text as the search compares it: words, folded accents, Snowball French stems.

SQLite's full-text search neither folds accents nor stems, so on SQLite the document text and
the query both pass through ``stems()`` before they reach the index (PostgreSQL does the same
work in its ``aac_french`` text search configuration). The highlighter uses the same functions,
so a word is marked exactly when the search matched it."""

import functools
import re
import unicodedata

import snowballstemmer

WORD = re.compile(r"\w+")
# An elided article before a word: « l'école », « qu’il » (straight or curly apostrophe).
ELISION = re.compile(r"\b(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['’](?=\w)", re.IGNORECASE)
# A query keeps this many words: a longer one is a paste, not a search.
MAX_QUERY_WORDS = 12

_stemmer = snowballstemmer.stemmer("french")


def fold(text):
    """Lower case, accents and ligatures removed: « Œuvre À l'École » → « oeuvre a l'ecole »."""
    text = text.casefold().replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@functools.lru_cache(maxsize=50_000)
def stem(word):
    """The Snowball French stem of one word, folded first (as PostgreSQL's ``aac_french``
    does, and so that « Mobilités » and « mobilites » meet): « Mobilités » → « mobilit »."""
    return _stemmer.stemWord(fold(word))


def stems(text):
    """``text`` as the index stores it on SQLite: the stems of its words, space separated."""
    return " ".join(stem(word) for word in words(text))


def words(text):
    """The words of ``text``, elided articles removed. Composed first (NFC): an accent sent as
    a combining mark after its letter (as some keyboards and pastes send it) is no word
    character, and would otherwise cut « école » into « e » and « cole »."""
    return WORD.findall(fold_elisions(unicodedata.normalize("NFC", text)))


def fold_elisions(text):
    """``text`` with the elided article of each word removed (« l'école » → « école »)."""
    return ELISION.sub("", text)


def query_words(text, max_length):
    """The words of a visitor's query, at most ``MAX_QUERY_WORDS`` of them, the text cut at
    ``max_length`` characters first: what every engine searches for, never a query language."""
    return words(text[:max_length])[:MAX_QUERY_WORDS]
