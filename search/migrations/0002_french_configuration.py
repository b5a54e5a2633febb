"""PostgreSQL: the ``aac_french`` text search configuration Wagtail's search uses (the
WAGTAILSEARCH_BACKENDS setting): accents folded by ``unaccent``, then French stems, so that
« ecole » finds « école » and « mobilites » finds « Mobilité ». Other databases skip it."""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'aac_french') THEN
        CREATE TEXT SEARCH CONFIGURATION aac_french (COPY = pg_catalog.french);
        ALTER TEXT SEARCH CONFIGURATION aac_french
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
    END IF;
END
$$;
"""

DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS aac_french;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_documents")]

    operations = [migrations.RunPython(create, drop)]
