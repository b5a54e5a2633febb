"""The search engine chosen by the SEARCH_ENGINE setting ("database" or "elasticsearch")."""

from django.conf import settings
from django.utils.module_loading import import_string

ENGINES = {
    "database": "search.engines.database.DatabaseEngine",
    "elasticsearch": "search.engines.elasticsearch.ElasticsearchEngine",
}


def get_engine(name=None):
    """An engine instance: the configured one, or the one called ``name``."""
    name = name or settings.SEARCH_ENGINE
    if name not in ENGINES:
        raise ValueError(f"SEARCH_ENGINE must be one of {', '.join(ENGINES)}, not {name!r}")
    return import_string(ENGINES[name])()
