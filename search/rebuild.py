"""Building every search document again, from every source: the ``rebuild_search_index``
command, and the end of ``load_demo_content``.

The rows are upserted chunk by chunk, never emptied first, so the database engine keeps
answering during the run; each chunk is one transaction, its index written with it (Wagtail's
index entries on SQLite; PostgreSQL generates the rows' vectors itself). A row the run did not
write (its object is gone or no longer public) is stale: it is removed at the end, found by its
``updated_at`` older than the start of the run, which also spares the rows a signal wrote
meanwhile. The configured engine then rebuilds its own index from the rows (nothing to do for
the database engine)."""

from contextlib import nullcontext
from dataclasses import dataclass
from itertools import islice

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext
from wagtail.search.backends import get_search_backend

from . import registry, sync
from .engines import get_engine
from .models import DocumentPlace, SearchDocument, indexed_by_wagtail

CHUNK_SIZE = 500
# The columns an upsert rewrites: every column but the key.
UPDATED_FIELDS = [
    "kind",
    "title",
    "text",
    "tags",
    "places_names",
    "url",
    "maturity",
    "date",
    "latitude",
    "longitude",
    "updated_at",
]


@dataclass
class Outcome:
    indexed: int = 0
    removed: int = 0

    def __str__(self):
        indexed = ngettext(
            "%(count)d document indexed", "%(count)d documents indexed", self.indexed
        ) % {"count": self.indexed}
        removed = ngettext("%(count)d removed", "%(count)d removed", self.removed) % {
            "count": self.removed
        }
        return f"{indexed}, {removed}."


class SilentBar:
    """A progress bar that shows nothing (``load_demo_content``)."""

    def update(self, n=1):
        pass


def silent(description, total):
    return nullcontext(SilentBar())


def rebuild_index(progress=silent, chunk_size=CHUNK_SIZE):
    """Write the document of every public object, remove the others', then rebuild the
    engine's index. ``progress(description, total)`` is a context manager giving a bar with
    ``update(n)`` (tqdm's signature), one per source and one for the engine."""
    started = timezone.now()
    outcome = Outcome()
    for source in registry.sources():
        queryset = source.public()
        label = str(source.model._meta.verbose_name_plural)
        with progress(label, queryset.count()) as bar:
            objects = source.batch(queryset).iterator(chunk_size=chunk_size)
            while chunk := list(islice(objects, chunk_size)):
                store(source, chunk)
                outcome.indexed += len(chunk)
                bar.update(len(chunk))
    outcome.removed = remove_stale(started)
    documents = SearchDocument.objects.all()
    total = documents.count()
    with progress(str(SearchDocument._meta.verbose_name_plural), total) as bar:
        done = Done(bar)
        get_engine().rebuild(sync.with_places(documents), total, done)
    return outcome


class Done:
    """``progress(done)`` for an engine's rebuild: moves ``bar`` to ``done`` rows."""

    def __init__(self, bar):
        self.bar, self.count = bar, 0

    def __call__(self, done):
        self.bar.update(done - self.count)
        self.count = done


def store(source, objects):
    """Upsert the documents of ``objects`` (public, one chunk), replace their places and
    index them in Wagtail's search where it indexes them (``indexed_by_wagtail``: SQLite; on
    PostgreSQL their vector columns follow the upsert), in one transaction and a fixed number
    of queries."""
    values = sync.rows_values(source, objects)
    # ``updated_at`` is set by the upsert (auto_now): what tells these rows from stale ones.
    rows = [SearchDocument(key=key, **fields) for key, (fields, _places) in values.items()]
    with transaction.atomic():
        SearchDocument.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["key"], update_fields=UPDATED_FIELDS
        )
        ids = dict(SearchDocument.objects.filter(key__in=values).values_list("key", "pk"))
        DocumentPlace.objects.filter(document_id__in=list(ids.values())).delete()
        DocumentPlace.objects.bulk_create(
            DocumentPlace(document_id=ids[key], relation=relation, page_id=page)
            for key, (_fields, places) in values.items()
            for relation, page in places
        )
        if not indexed_by_wagtail():
            return
        for row in rows:
            row.pk = ids[row.key]
        entries = index_entries(ids.values())
        entries._raw_delete(using=entries.db)
        get_search_backend().get_index_for_model(SearchDocument).add_items(SearchDocument, rows)


def index_entries(pks):
    """Wagtail's index entries of the documents ``pks``.

    ``store`` drops them before indexing the chunk anew: Wagtail's SQLite index would update
    each existing entry with a query of its own. Dropped and written in one transaction, they
    never go missing for a reader. A raw delete, as Wagtail's own ``delete_item`` does: one
    query, nothing collected first (SQLite's full-text table follows through its triggers)."""
    model = SearchDocument._meta.get_field("index_entries").related_model
    return model._default_manager.filter(
        content_type=ContentType.objects.get_for_model(SearchDocument),
        object_id__in=[str(pk) for pk in pks],
    )


def remove_stale(started):
    """Delete the rows no write touched since ``started`` (their Wagtail index entries go with
    them); returns how many."""
    _total, deleted = SearchDocument.objects.filter(updated_at__lt=started).delete()
    return deleted.get(SearchDocument._meta.label, 0)
