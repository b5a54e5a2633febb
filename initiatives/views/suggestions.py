"""Published révoltes and rêves matching a few typed words: the suggestions of the
« Inspirée des révoltes et rêves » picker of the initiative form
(initiatives/static/initiatives/chip-picker.js).

``GET ?q=words`` searches titles and texts (case- and accent-insensitive); ``GET ?ids=12,57``
gives the labels of the published ones among those numbers (the chips of a form shown again).
Only published contributions are ever returned; at most ``MAX_RESULTS``, in one query.
"""

import json
import re
import unicodedata

from django.http import HttpResponse
from django.views.decorators.http import require_safe

from consultation.models import Contribution
from theme.params import parse_id

from ..forms import INSPIRED_BY_MAX

MAX_RESULTS = 10
MIN_LENGTH = 2
QUERY_MAX_LENGTH = 80
#: A number typed (``57`` or ``#57``) is looked up as an id up to this value.
MAX_TYPED_ID = 10**12 - 1
# Same escapes as Django's json_script: the answer stays inert if ever read as HTML.
_HTML_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
# Letters that accented ones fold to, and the accented forms a pattern accepts for each.
_VARIANTS = {
    "a": "aàâäáãå",
    "c": "cç",
    "e": "eéèêë",
    "i": "iîïíì",
    "o": "oôöóòõ",
    "u": "uùûüú",
    "y": "yÿý",
    "n": "nñ",
}


def fold(text):
    """``text`` lower-cased and without accents (« Rêve » → « reve »)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def accent_pattern(text):
    """A case-insensitive regular expression (for both SQLite's and PostgreSQL's REGEXP)
    matching ``text`` with or without accents; any character other than a letter or a digit
    matches any character (« l'eau » finds « l’eau »), so nothing typed is ever an operator."""
    parts = []
    for char in fold(text):
        if char in _VARIANTS:
            # Upper-case forms too: PostgreSQL's C collations only fold ASCII letters' case.
            parts.append(f"[{_VARIANTS[char]}{_VARIANTS[char].upper()}]")
        elif char.isalnum():
            parts.append(char)
        elif char.isspace():
            parts.append("\\s+" if not parts or parts[-1] != "\\s+" else "")
        else:
            parts.append(".")
    return "".join(parts)


def clean_query(raw):
    """The typed text without control characters, spaces collapsed, cut to the maximum."""
    text = "".join(c for c in raw if unicodedata.category(c)[0] != "C" or c.isspace())
    return " ".join(text.split())[:QUERY_MAX_LENGTH]


def parse_ids(raw):
    """At most ``INSPIRED_BY_MAX`` numbers from ``12,57``; junk is ignored."""
    numbers = []
    for token in re.split(r"[\s,;]+", raw[:400]):
        if re.fullmatch(r"\d{1,12}", token) and int(token) not in numbers:
            numbers.append(int(token))
    return numbers[:INSPIRED_BY_MAX]


def result(contribution):
    return {
        "id": contribution.pk,
        "label": f"{contribution.get_kind_display()} · {contribution}",
        "territory": contribution.territory.title,
    }


def json_response(data, status=200):
    body = json.dumps(data, ensure_ascii=False).translate(_HTML_ESCAPES)
    response = HttpResponse(body, status=status, content_type="application/json; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=60"
    return response


@require_safe
def contributions_suggestions(request):
    """``{"results": [{"id", "label", "territory"}]}``: up to ten published contributions."""
    published = (
        Contribution.objects.published()
        .select_related("territory")
        .only("pk", "kind", "title", "text", "territory__title")
    )
    if "ids" in request.GET:
        numbers = parse_ids(request.GET["ids"])
        found = {c.pk: c for c in published.filter(pk__in=numbers)} if numbers else {}
        return json_response({"results": [result(found[n]) for n in numbers if n in found]})
    text = clean_query(request.GET.get("q", ""))
    if len(text) < MIN_LENGTH:
        return json_response({"results": []})
    number = parse_id(text.lstrip("#"), max_value=MAX_TYPED_ID)
    if number is not None:
        matches = published.filter(pk=number)
    else:
        pattern = accent_pattern(text)
        if not pattern.strip("."):
            return json_response({"results": []})
        matches = published.filter(title__iregex=pattern) | published.filter(text__iregex=pattern)
    rows = matches.order_by("-created_at", "-pk")[:MAX_RESULTS]
    return json_response({"results": [result(c) for c in rows]})
