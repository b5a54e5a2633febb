"""``manage.py backup`` and ``manage.py restore`` on PostgreSQL: the demo, committed (``pg_dump``
sees only committed rows), dumped, restored into a new database and compared table by table."""

import hashlib
import io
import secrets
import shutil
from pathlib import Path

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from psycopg import sql

from tests.cms_pages.backup_helpers import assert_same_content

# Serialized like the other transactional tests (see tests/browser/conftest.py).
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def server(dbname):
    settings = connection.settings_dict
    return psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"],
        user=settings["USER"],
        password=settings["PASSWORD"],
        dbname=dbname,
        autocommit=True,
    )


@pytest.fixture
def new_database():
    """A new, empty database on the test server, dropped after the test; its URL."""
    name = f"{connection.settings_dict['NAME']}_restore_{secrets.token_hex(4)}"
    with server("postgres") as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            settings = connection.settings_dict
            yield (
                name,
                (
                    f"postgres://{settings['USER']}:{settings['PASSWORD']}"
                    f"@{settings['HOST']}:{settings['PORT']}/{name}"
                ),
            )
        finally:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def restore(archive, url, *options):
    out = io.StringIO()
    call_command("restore", str(archive), f"--database-url={url}", *options, stdout=out)
    return out.getvalue()


def assert_restored(name):
    """The database ``name`` holds what the test database holds, table by table."""
    with server(name) as restored, connection.cursor() as source:
        tables = connection.introspection.table_names(source)
        assert restored_tables(restored) == tables
        assert_same_content(source, restored.cursor(), tables, connection.ops.quote_name)


def restored_tables(restored):
    rows = restored.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
    ).fetchall()
    return [name for (name,) in rows]


def test_the_demo_is_restored_into_a_new_database(new_database, tmp_path):
    name, url = new_database
    call_command("load_demo_content", verbosity=0)
    storages["default"].save("original_images/sauvegarde.png", ContentFile(b"\x89PNG image"))
    archive = tmp_path / "demo.tar.gz"
    try:
        printed = io.StringIO()
        call_command("backup", output=str(archive), stdout=printed)
        digest = hashlib.sha256(archive.read_bytes()).hexdigest()
        assert printed.getvalue().endswith(f"{digest}  demo.tar.gz\n")

        printed = restore(archive, url)
        assert_restored(name)
        assert f"restaurée dans {name}" in printed

        # Now the database has tables: refused, and left as it was, unless --replace.
        with server(name) as restored:
            restored.execute("UPDATE wagtailcore_page SET title = 'Changé depuis'")
        with pytest.raises(CommandError, match="n’est pas vide"):
            restore(archive, url)
        with server(name) as restored:
            titles = restored.execute("SELECT DISTINCT title FROM wagtailcore_page").fetchall()
            assert titles == [("Changé depuis",)]
        restore(archive, url, "--replace")
        assert_restored(name)

        # One byte changed: refused before the database is reached.
        damaged = tmp_path / "damaged.tar.gz"
        data = bytearray(archive.read_bytes())
        data[len(data) // 3] ^= 0x01
        damaged.write_bytes(bytes(data))
        shutil.copyfile(f"{archive}.sha256", f"{damaged}.sha256")
        with pytest.raises(CommandError, match="ne correspond pas à sa somme de contrôle"):
            restore(damaged, url.replace(name, "nulle_part"))
    finally:
        storages["default"].delete("original_images/sauvegarde.png")


def test_without_pg_dump_the_backup_says_so(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "vide"))
    with pytest.raises(CommandError, match="pg_dump est introuvable"):
        call_command("backup", output=str(tmp_path / "b.tar.gz"), stdout=io.StringIO())
    assert not any(Path(tmp_path).iterdir())
