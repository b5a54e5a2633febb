"""PostgreSQL: the database engine's index on the search documents themselves
(search/engines/postgresql.py), replacing Wagtail's index entries, which it no longer reads.

Two generated columns, computed by PostgreSQL from the row on every insert and update (so they
are always in step with it, whatever writes the row), each with a GIN index:

- ``search_vector``, what a search matches and ranks: the title weighted A, the tags and the
  names of the document's territories and enjeux B, the text C;
- ``title_vector``, the title alone: what ranks title matches first and what the suggestions
  match as prefixes.

Both use the ``aac_french`` configuration (0002: accents folded, then French stems). They are
no fields of the model (SQLite has no ``tsvector``): the ORM never reads or writes them, and
``makemigrations`` sees nothing to do on either database. Wagtail's index entries of the
documents are deleted, as they are no longer written (``SearchDocument.search_fields``).

The table is analysed at the end: until then the planner would guess how many rows a vector
matches, and chose to read every match to find the newest ones. Cost at 156,000 documents: one
rewrite of the table, two index builds and the analysis, about 30 seconds on the bench's
machine; the table is locked meanwhile. Other databases skip it."""

from django.db import migrations

CREATE = """
SET LOCAL maintenance_work_mem = '256MB';
ALTER TABLE search_searchdocument
    ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('aac_french', title), 'A')
        || setweight(to_tsvector('aac_french', tags || ' ' || places_names), 'B')
        || setweight(to_tsvector('aac_french', text), 'C')
    ) STORED,
    ADD COLUMN title_vector tsvector GENERATED ALWAYS AS (
        to_tsvector('aac_french', title)
    ) STORED;
CREATE INDEX searchdocument_search_vector ON search_searchdocument USING gin (search_vector);
CREATE INDEX searchdocument_title_vector ON search_searchdocument USING gin (title_vector);
DELETE FROM wagtailsearch_indexentry WHERE content_type_id IN (
    SELECT id FROM django_content_type WHERE app_label = 'search' AND model = 'searchdocument'
);
ANALYZE search_searchdocument;
"""
# Going back to Wagtail's index entries needs them written again: rebuild_search_index.
DROP = """
ALTER TABLE search_searchdocument DROP COLUMN search_vector, DROP COLUMN title_vector;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_document_places_names"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create, drop)]
