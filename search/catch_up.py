"""Re-sending to Elasticsearch the document updates it missed.

A write that Elasticsearch refused (or could not receive) leaves its document keys in
``PendingIndexUpdate`` and raises a flag in the cache. The next successful write sees the flag
(one cache read, no SQL query) and re-sends a batch; ``manage.py catch_up_search_index``, run
by cron, re-sends everything. Each key is re-sent as its document is *now*: indexed if its row
still exists, deleted otherwise, so the order in which updates were missed does not matter.

While a rebuild fills a new index, writes still go to the current one and are also queued
here: the rebuild re-sends them once the alias points to the new index, which may have read
those rows before they changed."""

from django.core.cache import cache
from django.utils import timezone

from .models import PendingIndexUpdate, SearchDocument
from .sync import with_places

PENDING = "search:elasticsearch:pending"
REBUILDING = "search:elasticsearch:rebuilding"
# A rebuild renews its flag at every batch: a rebuild that died releases it this soon.
REBUILDING_TIMEOUT = 10 * 60
# Keys re-sent per bulk request.
BATCH = 500
# Keys re-sent after an ordinary write, in the request that saved something: a long outage's
# backlog is left to the command.
AUTOMATIC_LIMIT = 200


def queue(keys):
    """Keep ``keys`` for the catch-up. A key already waiting gets the new time, so a catch-up
    that read its row earlier does not take it off the queue."""
    now = timezone.now()
    PendingIndexUpdate.objects.bulk_create(
        [PendingIndexUpdate(key=key, created_at=now) for key in set(keys)],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["created_at"],
    )
    cache.set(PENDING, True, None)


def flags():
    """``(pending, rebuilding)``, read from the cache in one call."""
    found = cache.get_many([PENDING, REBUILDING])
    return PENDING in found, REBUILDING in found


def rebuilding():
    return cache.get(REBUILDING) is not None


def mark_rebuilding():
    """Say (again) that a rebuild is filling a new index: writes are queued meanwhile."""
    cache.set(REBUILDING, True, REBUILDING_TIMEOUT)


def stop_rebuilding():
    cache.delete(REBUILDING)


def forget_before(started):
    """A rebuild that began at ``started`` moved the alias onto its index: the keys queued
    before it began are there as they are now (their rows were read after), the others wait."""
    PendingIndexUpdate.objects.filter(created_at__lt=started).delete()


def catch_up(engine, limit=None):
    """Re-send the queued keys through ``engine`` (the ``limit`` oldest, or all), and take off
    the queue those Elasticsearch accepted. Returns how many it accepted. Connection and API
    errors propagate, the queue left as it was."""
    # Cleared first: a key queued while this runs raises the flag again.
    cache.delete(PENDING)
    sent = read = 0
    last = 0
    try:
        while limit is None or read < limit:
            size = BATCH if limit is None else min(BATCH, limit - read)
            waiting = list(
                PendingIndexUpdate.objects.filter(pk__gt=last)
                .order_by("pk")
                .values_list("pk", "key")[:size]
            )
            if not waiting:
                break
            last = waiting[-1][0]
            read += len(waiting)
            keys = {key for _pk, key in waiting}
            read_at = timezone.now()
            rows = list(with_places(SearchDocument.objects.filter(key__in=keys)))
            gone = keys - {row.key for row in rows}
            accepted = keys - set(engine.apply(rows, gone))
            PendingIndexUpdate.objects.filter(key__in=accepted, created_at__lte=read_at).delete()
            sent += len(accepted)
    finally:
        if PendingIndexUpdate.objects.exists():
            cache.set(PENDING, True, None)
    return sent
