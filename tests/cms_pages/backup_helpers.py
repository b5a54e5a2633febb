"""Comparing a database with its restored copy, table by table, through two DB-API cursors."""

# Content read on both sides: the page tree, people, révoltes and rêves, forum comments.
SAMPLES = [
    "SELECT path, title, live FROM wagtailcore_page ORDER BY path",
    "SELECT id, email, password, display_name FROM accounts_user ORDER BY id",
    "SELECT id, kind, text, latitude, longitude FROM consultation_contribution ORDER BY id",
    "SELECT id, comment FROM django_comments ORDER BY id",
]


def row_counts(cursor, tables, quote):
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - a table name
        counts[table] = cursor.fetchone()[0]
    return counts


def samples(cursor):
    result = []
    for query in SAMPLES:
        cursor.execute(query)
        result.append([tuple(row) for row in cursor.fetchall()])
    return result


def assert_same_content(source, restored, tables, quote):
    """Every table holds as many rows on both sides, and the sampled content is the same."""
    counts = row_counts(source, tables, quote)
    assert row_counts(restored, tables, quote) == counts
    # The demo fills the tables the samples read: the comparison is not of empty sets.
    assert all(counts[t] for t in ("wagtailcore_page", "consultation_contribution"))
    assert counts["django_comments"]
    assert samples(restored) == samples(source)
