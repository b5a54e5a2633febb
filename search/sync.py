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

from django.apps import apps
from django.db import transaction
from django.db.models import Prefetch

from . import facets, registry
from .engines import get_engine
from .models import (
    PLACES_NAMES_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    DocumentPlace,
    SearchDocument,
)

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
    # Every refresh reads the committed state: an object refreshed once in this flush needs no
    # second refresh as another's dependant (a new territory and its first contribution).
    done = defaultdict(set)
    while pending:
        model, pks = pending.popitem()
        pks = set(pks) - done[model]
        if pks:
            done[model] |= pks
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


def rows_values(source, objects):
    """{key: (fields, places)} of the SearchDocument rows of ``objects``: column values and
    the (relation, page id) pairs of their territories and enjeux. The names of those places
    (as their facets may name them: public pages only) are read in one query for all."""
    documents = {source.key(obj.pk): source.document(obj) for obj in objects}
    wanted = {relation: set() for relation in DocumentPlace.Relation.values}
    for document in documents.values():
        document.territories, document.enjeux = set(document.territories), set(document.enjeux)
        wanted[DocumentPlace.Relation.TERRITORY] |= document.territories
        wanted[DocumentPlace.Relation.ENJEU] |= document.enjeux
    titles = facets.page_titles(wanted)
    return {key: _row_values(document, titles) for key, document in documents.items()}


def _row_values(document, titles):
    latitude, longitude = document.point if document.point else (None, None)
    places = {(DocumentPlace.Relation.TERRITORY, pk) for pk in document.territories}
    places |= {(DocumentPlace.Relation.ENJEU, pk) for pk in document.enjeux}
    names = sorted({titles[place] for place in places if place in titles})
    fields = {
        "kind": document.kind,
        "title": document.title[:TITLE_MAX_LENGTH],
        "text": document.text[:TEXT_MAX_LENGTH],
        "tags": " ".join(sorted(set(document.tags)))[:500],
        "places_names": truncated_words(" ".join(names), PLACES_NAMES_MAX_LENGTH),
        "url": document.url,
        "maturity": document.maturity,
        "date": document.date,
        "latitude": latitude,
        "longitude": longitude,
    }
    return fields, places


def truncated_words(words, length):
    """``words`` cut to ``length`` characters, never in the middle of a word."""
    if len(words) <= length:
        return words
    return words[: length + 1].rsplit(" ", 1)[0]


def write(source, objects):
    """Create or update the documents of ``objects`` (all public), then send them to the
    engine. Each row is saved on its own, so Wagtail's signal handlers index it. Returns
    {key: (title, url, places)} of the written documents."""
    if not objects:
        return {}
    keys = {source.key(obj.pk): obj for obj in objects}
    rows = {row.key: row for row in SearchDocument.objects.filter(key__in=keys)}
    saved = {}
    values = rows_values(source, objects)
    with transaction.atomic():
        for key in keys:
            fields, places = values[key]
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


def placed_in(page):
    """The objects whose documents are filed under ``page`` (a territory or an enjeu): they
    carry its name, so they are written again when its document changes (renamed, moved,
    unpublished). One query for the links; none when nothing is filed there."""
    keys = DocumentPlace.objects.filter(page_id=page.pk).values_list("document__key", flat=True)
    by_model = defaultdict(set)
    for key in keys:
        label, _colon, pk = key.rpartition(":")
        by_model[label].add(pk)
    found = []
    for label, pks in by_model.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        found.append((model, model._default_manager.filter(pk__in=pks)))
    return found


registry.register_dependants("wagtailcore.Page", placed_in)
