"""French alphabetical order, the same on every database: « Éducation » before « Solidarité ».

The PostgreSQL databases use ``C.UTF-8`` (byte order: « É » after « z »), so ordering goes
through the ``fr-x-icu`` collation that ICU builds ship; SQLite gets a collation of the same
name, registered on every new connection, that compares French sort keys. Filters, forms,
menus and facets all order with :func:`french_order`, so lists agree everywhere.
"""

import unicodedata

from django.db.models import F
from django.db.models.functions import Collate

#: The collation's name, on PostgreSQL (ICU) and as registered on SQLite.
FRENCH_COLLATION = "fr-x-icu"


def french_sort_key(text):
    """A Python sort key in French order: accents and case fold onto their letter first, then
    the exact text breaks ties (« cote » < « côte »)."""
    text = str(text or "")
    expanded = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    folded = unicodedata.normalize("NFKD", expanded).encode("ascii", "ignore").decode()
    return (folded.casefold(), text.casefold(), text)


def _compare(left, right):
    """SQLite's collation callback: negative, zero or positive, as ``cmp``."""
    a, b = french_sort_key(left), french_sort_key(right)
    return (a > b) - (a < b)


def french(field="title"):
    """The expression ``field`` in French order, to give to ``order_by``."""
    return Collate(F(field), FRENCH_COLLATION)


def french_order(queryset, field="title"):
    """``queryset`` ordered by ``field`` in French order."""
    return queryset.order_by(french(field))


def french_sorted(items, key=lambda item: item.title):
    """``items`` sorted in Python in the same French order as :func:`french_order`."""
    return sorted(items, key=lambda item: french_sort_key(key(item)))


def register_sqlite_collation(sender, connection, **kwargs):
    """``connection_created`` receiver: gives SQLite the French collation."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(FRENCH_COLLATION, _compare)
