"""Keeping the search documents in step with their objects.

A change to an object (saved, published, unpublished, moderated, deleted, its relations set)
schedules a refresh of its document for the end of the transaction: the refresh reads the
object again through its source's ``public()`` queryset and writes its document, or removes it
when the object is no longer public. Reading after the commit means the refresh sees the final
state (relations and tags included) and never indexes what a rollback undid. A failure of the
search never undoes the change that triggered it (the callback is ``robust``)."""

import logging
import threading
from collections import defaultdict

from django.db import transaction
from django.db.models import Prefetch

from . import registry
from .engines import get_engine
from .models import TEXT_MAX_LENGTH, TITLE_MAX_LENGTH, DocumentPlace, SearchDocument

logger = logging.getLogger(__name__)

_state = threading.local()


def _pending():
    if not hasattr(_state, "pending"):
        _state.pending = defaultdict(set)
    return _state.pending


def schedule(model, pks):
    """Refresh the documents of ``model``'s objects ``pks`` once the transaction commits (at
    once outside a transaction). Models without a source are ignored."""
    source = registry.source_for(model)
    pks = {pk for pk in pks if pk is not None}
    if source is None or not pks:
        return
    _pending()[source.model].update(pks)
    # Each call registers a callback; the first to run takes every pending object, the others
    # find nothing left. Objects left by a rolled-back transaction are refreshed by the next
    # commit, which costs a read and changes nothing.
    transaction.on_commit(flush, robust=True)


def flush():
    """Refresh every scheduled object, then the objects that depend on them."""
    pending = _pending()
    while pending:
        model, pks = pending.popitem()
        refresh(model, pks)


def refresh(model, pks):
    """Write the documents of ``model``'s objects ``pks`` that are public, remove the others';
    then schedule the dependants of those whose document appeared, disappeared or changed its
    title, URL or places (a thread's comments carry its title, URL, places and visibility; an
    initiative's threads carry its territories and enjeux)."""
    source = registry.source_for(model)
    pks = set(pks)
    keys = {source.key(pk): pk for pk in pks}
    before = _inherited(keys)
    public = list(source.batch(source.public().filter(pk__in=pks)))
    remove([source.key(pk) for pk in pks - {obj.pk for obj in public}])
    after = write(source, public)
    changed = [pk for key, pk in keys.items() if before.get(key) != after.get(key)]
    if not changed:
        return
    for obj in source.model._default_manager.filter(pk__in=changed):
        for dependant_model, queryset in registry.dependants_of(source, obj):
            dependant = registry.source_for(dependant_model)
            if dependant is None:
                continue
            _pending()[dependant.model].update(queryset.values_list("pk", flat=True))


def _inherited(keys):
    """{key: (title, url, places)} of the stored documents ``keys``: what dependants copy."""
    places = defaultdict(set)
    links = DocumentPlace.objects.filter(document__key__in=keys).values_list(
        "document__key", "relation", "page_id"
    )
    for key, relation, page in links:
        places[key].add((relation, page))
    return {
        key: (title, url, frozenset(places[key]))
        for key, title, url in SearchDocument.objects.filter(key__in=keys).values_list(
            "key", "title", "url"
        )
    }


def remove(keys):
    """Delete the documents ``keys`` from the database and from the engine."""
    if not keys:
        return
    # A queryset delete sends post_delete for each row: Wagtail drops its index entries.
    SearchDocument.objects.filter(key__in=keys).delete()
    get_engine().remove(list(keys))


def row_values(source, obj):
    """``(fields, places)`` of ``obj``'s SearchDocument row: column values and the
    (relation, page id) pairs of its territories and enjeux."""
    document = source.document(obj)
    latitude, longitude = document.point if document.point else (None, None)
    fields = {
        "kind": document.kind,
        "title": document.title[:TITLE_MAX_LENGTH],
        "text": document.text[:TEXT_MAX_LENGTH],
        "tags": " ".join(sorted(set(document.tags)))[:500],
        "url": document.url,
        "maturity": document.maturity,
        "date": document.date,
        "latitude": latitude,
        "longitude": longitude,
    }
    places = {(DocumentPlace.Relation.TERRITORY, pk) for pk in document.territories}
    places |= {(DocumentPlace.Relation.ENJEU, pk) for pk in document.enjeux}
    return fields, places


def write(source, objects):
    """Create or update the documents of ``objects`` (all public), then send them to the
    engine. Each row is saved on its own, so Wagtail's signal handlers index it. Returns
    {key: (title, url, places)} of the written documents."""
    if not objects:
        return {}
    keys = {source.key(obj.pk): obj for obj in objects}
    rows = {row.key: row for row in SearchDocument.objects.filter(key__in=keys)}
    saved = {}
    with transaction.atomic():
        for key, obj in keys.items():
            fields, places = row_values(source, obj)
            row = rows.get(key) or SearchDocument(key=key)
            for name, value in fields.items():
                setattr(row, name, value)
            row.save()
            DocumentPlace.objects.filter(document=row).delete()
            DocumentPlace.objects.bulk_create(
                DocumentPlace(document=row, relation=relation, page_id=page)
                for relation, page in places
            )
            saved[key] = (row, frozenset(places))
    get_engine().write(
        with_places(SearchDocument.objects.filter(pk__in=[row.pk for row, _ in saved.values()]))
    )
    return {key: (row.title, row.url, places) for key, (row, places) in saved.items()}


def with_places(documents):
    """``documents`` with their territory and enjeu links read in one more query."""
    return documents.prefetch_related(
        Prefetch("links", queryset=DocumentPlace.objects.only("document_id", "relation", "page_id"))
    )
