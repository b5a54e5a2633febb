"""The visitor's words marked in a result's title and excerpt.

A word of the text is marked when its French stem is the stem of a query word (the comparison
the search itself makes, through ``search.french``), or when it starts with the last query word,
which the visitor may still be typing. The text is escaped piece by piece and only the ``<mark>``
tags are added, so whatever a document holds (``<script>`` included) comes out as text."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import french

EXCERPT_LENGTH = 240
ELLIPSIS = "…"
# A last query word this short would mark every word that starts with its letter.
PREFIX_MIN_LENGTH = 2
_SPACES = re.compile(r"\s+")


class Matcher:
    """Decides whether a word of the text matches one of the query ``words``."""

    def __init__(self, words):
        self.stems = {french.stem(word) for word in words}
        last = french.fold(words[-1]) if words else ""
        self.prefix = last if len(last) >= PREFIX_MIN_LENGTH else ""

    def __bool__(self):
        return bool(self.stems)

    def matches(self, word):
        if french.stem(word) in self.stems:
            return True
        return bool(self.prefix) and french.fold(word).startswith(self.prefix)

    def first_match(self, text):
        """Where the first matching word of ``text`` starts, or None."""
        for found in french.WORD.finditer(text):
            if self.matches(found.group()):
                return found.start()
        return None


def _marked(text, matcher):
    pieces = []
    position = 0
    for found in french.WORD.finditer(text):
        word = found.group()
        if not matcher.matches(word):
            continue
        pieces.append(escape(text[position : found.start()]))
        pieces.append(f"<mark>{escape(word)}</mark>")
        position = found.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of the text is escaped


def highlight(text, words):
    """``text`` escaped, each word matching one of the query ``words`` in ``<mark>``."""
    if not text:
        return SafeString("")
    matcher = Matcher(list(words))
    if not matcher:
        return escape(text)
    return _marked(text, matcher)


def excerpt(text, words, length=EXCERPT_LENGTH):
    """About ``length`` characters of ``text`` around its first matching word (its start
    when no word matches), cut between words, « … » where text was left out, highlighted."""
    text = _SPACES.sub(" ", text or "").strip()
    words = list(words)
    if len(text) <= length:
        return highlight(text, words)
    matcher = Matcher(words)
    match = matcher.first_match(text) if matcher else None
    # The first match a third into the window, which is kept full near the end of the text.
    start = 0 if match is None else max(0, min(match - length // 3, len(text) - length))
    end = start + length
    if start > 0 and not text[start - 1].isspace():
        following_space = text.find(" ", start)
        if 0 <= following_space < (end if match is None else match):
            start = following_space + 1
    if end < len(text) and not text[end].isspace():
        preceding_space = text.rfind(" ", start, end)
        end = preceding_space if preceding_space > start else end
    window = text[start:end].strip()
    marked = highlight(window, words)
    before = ELLIPSIS + " " if start > 0 else ""
    after = " " + ELLIPSIS if end < len(text) else ""
    return mark_safe(f"{before}{marked}{after}")  # noqa: S308 - marked is escaped, the rest is ours
