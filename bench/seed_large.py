"""Grow a copy of the bench's template by many published contributions, with ``COPY``.

Run by bench/template.py (``python -m bench.seed_large --count 900000`` from the project root,
with the bench's environment) on a copy of the default template, to measure whether a page's
cost grows with the data. The rows are those ``manage.py seed_contributions`` would make next
(its Seeder, numbers following the seeded ones: the same spread over territories, tags, enjeux
and events), all published, with their tags and enjeux, and the search document of each with
its territory and enjeu links, built by the search's own code (``search.sync.rows_values``)
from the rows read back. Everything goes in with PostgreSQL's ``COPY``, in one transaction: a
few minutes for 900,000 contributions where ``bulk_create`` and the index rebuild would take
the better part of an hour. Wagtail's index entries are not written: the site's PostgreSQL
search reads the documents' own full-text column, which PostgreSQL fills by itself.
"""

import argparse

BATCH = 20_000
DOCUMENT_BATCH = 5000
PROGRESS_EVERY = 100_000


def copy_rows(cursor, model, objects):
    """``COPY`` ``objects`` (unsaved instances of ``model``) into its table: the values
    Django's INSERT would send (``pre_save`` fills ``auto_now`` fields), the primary key
    included when the objects carry one, columns PostgreSQL generates left out."""
    from django.db import connection

    if not objects:
        return
    fields = [
        field
        for field in model._meta.concrete_fields
        if not getattr(field, "generated", False)
        and not (field.primary_key and objects[0].pk is None)
    ]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for obj in objects:
            copy.write_row(
                [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]
            )


def progress(what, done, total):
    """A line every PROGRESS_EVERY rows, and at the end."""
    if done % PROGRESS_EVERY == 0 or done == total:
        print(f"{done}/{total} {what}", flush=True)


def next_id(model):
    from django.db.models import Max

    return (model.objects.aggregate(last=Max("pk"))["last"] or 0) + 1


def reset_sequences(cursor, *models):
    """Point the id sequences of ``models`` past the ids given explicitly."""
    from django.core.management.color import no_style
    from django.db import connection

    for statement in connection.ops.sequence_reset_sql(no_style(), models):
        cursor.execute(statement)


def contributions(cursor, count, seed_value):
    """COPY ``count`` published contributions with their tags and enjeux; their id range."""
    from cms_pages.models import TerritoryPage
    from consultation.management.commands.seed_contributions import KEY_PREFIX, Seeder
    from consultation.models import Contribution, ContributionTag

    seeder = Seeder(
        list(TerritoryPage.objects.order_by("pk").prefetch_related("communes")), seed_value
    )
    through = Contribution.enjeux.through
    first_number = Contribution.objects.filter(import_key__startswith=KEY_PREFIX).count()
    first_id = pk = next_id(Contribution)
    for start in range(first_number, first_number + count, BATCH):
        rows = []
        for n in range(start, min(start + BATCH, first_number + count)):
            row, extras = seeder.contribution(n, Contribution.Status.PUBLISHED)
            row.pk, pk = pk, pk + 1
            rows.append((row, extras))
        copy_rows(cursor, Contribution, [row for row, _extras in rows])
        tags = [(row.pk, tag) for row, extras in rows for tag in extras["tags"]]
        copy_rows(
            cursor,
            ContributionTag,
            [ContributionTag(content_object_id=c, tag_id=t) for c, t in tags],
        )
        copy_rows(
            cursor,
            through,
            [
                through(contribution_id=row.pk, enjeupage_id=extras["enjeu"])
                for row, extras in rows
                if extras["enjeu"]
            ],
        )
        progress("contributions", start + len(rows) - first_number, count)
    reset_sequences(cursor, Contribution)
    return range(first_id, pk)


def documents(cursor, ids):
    """COPY the search documents of the contributions ``ids``, and their places."""
    from consultation.models import Contribution
    from search import registry, sync
    from search.models import DocumentPlace, SearchDocument

    source = registry.source_for(Contribution)
    pk = next_id(SearchDocument)
    for start in range(ids.start, ids.stop, DOCUMENT_BATCH):
        chunk = source.public().filter(pk__gte=start, pk__lt=min(start + DOCUMENT_BATCH, ids.stop))
        rows, places = [], []
        for key, (fields, links) in sync.rows_values(source, list(source.batch(chunk))).items():
            rows.append(SearchDocument(pk=pk, key=key, **fields))
            places += [DocumentPlace(document_id=pk, relation=r, page_id=p) for r, p in links]
            pk += 1
        copy_rows(cursor, SearchDocument, rows)
        copy_rows(cursor, DocumentPlace, places)
        progress("search documents", min(start + DOCUMENT_BATCH, ids.stop) - ids.start, len(ids))
    reset_sequences(cursor, SearchDocument)


def seed(count, seed_value=2022):
    from django.db import connection, transaction

    from consultation.management.commands.seed_contributions import created_at_settable

    with transaction.atomic(), created_at_settable(), connection.cursor() as cursor:
        ids = contributions(cursor, count, seed_value)
        documents(cursor, ids)


def main():
    import django

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=900_000, help="published contributions")
    args = parser.parse_args()
    django.setup()
    seed(args.count)


if __name__ == "__main__":
    main()
