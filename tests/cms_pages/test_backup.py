"""``manage.py backup`` and ``manage.py restore`` on SQLite: the demo and a few stored files
backed up once, restored into new database files and compared table by table; damaged
archives, occupied databases and differing files refused with nothing changed."""

import hashlib
import io
import json
import shutil
import sqlite3
import stat
import subprocess
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from cms_pages.backups import databases
from tests.cms_pages.backup_helpers import assert_same_content, row_counts

pytestmark = pytest.mark.sqlite

# Stored files, in the public storage (nested folders) and the private one (data exports).
STORED = {
    ("default", "original_images/sauvegarde.png"): b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
    ("default", "documents/2026/compte-rendu.txt"): "Compte rendu de l’atelier".encode(),
    ("private", "exports/export-1.zip"): b"PK\x03\x04 donnees personnelles",
}


@pytest.fixture(scope="module")
def committed_demo(django_db_setup, django_db_blocker):
    """The demo tree, committed: SQLite's backup API cannot copy a database from inside its
    connection's write transaction, where the shared demo lives. The database is put back as
    the module found it with the same API."""
    with django_db_blocker.unblock():
        connection.ensure_connection()
        found = sqlite3.connect(":memory:")
        connection.connection.backup(found)
        call_command("load_demo_content", verbosity=0)
        yield
        connection.ensure_connection()
        found.backup(connection.connection)
        found.close()


@pytest.fixture(scope="module")
def backup(committed_demo, django_db_blocker, tmp_path_factory):
    """The demo and ``STORED``, backed up once for the module under ``BACKUP_DIR``; the
    archive, and what the command printed. The module gets storages of its own (in memory,
    empty), so files other modules left in theirs stay out of the backup."""
    folder = tmp_path_factory.mktemp("backups")
    out = io.StringIO()
    with (
        django_db_blocker.unblock(),
        override_settings(BACKUP_DIR=folder / "sauvegardes", STORAGES={**settings.STORAGES}),
    ):
        for (alias, name), content in STORED.items():
            assert storages[alias].save(name, ContentFile(content)) == name
        call_command("backup", stdout=out)
        (archive,) = (folder / "sauvegardes").glob("aux-actes-citoyens-*.tar.gz")
        yield archive, out.getvalue()


def restore(archive, target, *options):
    out = io.StringIO()
    call_command(
        "restore", str(archive), f"--database-url=sqlite:///{target}", *options, stdout=out
    )
    return out.getvalue()


def tables_of(cursor):
    return connection.introspection.table_names(cursor)


def assert_restored(target):
    """The file at ``target`` holds what the test database holds, table by table."""
    restored = sqlite3.connect(target)
    try:
        with connection.cursor() as source:
            tables = tables_of(source)
            assert tables_of(restored.cursor()) == tables
            assert_same_content(source, restored.cursor(), tables, connection.ops.quote_name)
    finally:
        restored.close()


def stored_bytes():
    return {key: storages[key[0]].open(key[1], "rb").read() for key in STORED}


def tampered_copy(archive, folder, change):
    """A copy of the archive whose members went through ``change(name, bytes)``, with a
    checksum file that vouches for it."""
    copy = folder / archive.name
    with tarfile.open(archive, "r:gz") as source, tarfile.open(copy, "w:gz") as target:
        for member in source:
            data = change(member.name, source.extractfile(member).read())
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    digest = hashlib.sha256(copy.read_bytes()).hexdigest()
    Path(f"{copy}.sha256").write_text(f"{digest}  {copy.name}\n")
    return copy


def test_backup_writes_an_archive_its_checksum_and_a_manifest(backup, db):
    archive, printed = backup
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    assert Path(f"{archive}.sha256").read_text() == f"{digest}  {archive.name}\n"
    # The whole database and the private files: its owner's alone, whatever the umask.
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert stat.S_IMODE(Path(f"{archive}.sha256").stat().st_mode) == 0o600
    assert f"{digest}  {archive.name}" in printed
    assert "fichiers stockés : 3." in printed
    with tarfile.open(archive, "r:gz") as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
        dump = tar.extractfile("database.sqlite3").read()
    assert names[0] == "manifest.json"
    assert manifest["database"]["vendor"] == "sqlite"
    assert manifest["database"]["migrations"]["wagtailcore"]
    with connection.cursor() as cursor:
        tables = tables_of(cursor)
        assert manifest["database"]["rows"] == row_counts(cursor, tables, connection.ops.quote_name)
    assert manifest["database"]["rows"]["wagtailcore_page"] > 40
    assert manifest["versions"]["django"].startswith("5.2")
    files = {entry["name"]: entry for entry in manifest["files"]}
    assert set(files) == set(names[1:])
    for (alias, name), content in STORED.items():
        assert files[f"storages/{alias}/{name}"] == {
            "name": f"storages/{alias}/{name}",
            "size": len(content),
            "sha256": hashlib.sha256(content).hexdigest(),
        }
    assert files["database.sqlite3"]["sha256"] == hashlib.sha256(dump).hexdigest()


def test_restore_into_a_new_file_gives_back_every_table_and_file(backup, db, tmp_path):
    archive, _printed = backup
    expected = stored_bytes()
    for alias, name in STORED:
        storages[alias].delete(name)

    printed = restore(archive, tmp_path / "restauree.sqlite3")

    assert_restored(tmp_path / "restauree.sqlite3")
    assert stored_bytes() == expected
    assert "fichiers stockés écrits : 3, déjà présents : 0." in printed


def test_files_already_there_with_the_same_bytes_are_left_alone(backup, db, tmp_path):
    printed = restore(backup[0], tmp_path / "restauree.sqlite3")
    assert "fichiers stockés écrits : 0, déjà présents : 3." in printed


def test_one_changed_byte_is_refused_before_anything_is_written(backup, db, tmp_path):
    copy = tmp_path / backup[0].name
    shutil.copyfile(backup[0], copy)
    shutil.copyfile(f"{backup[0]}.sha256", f"{copy}.sha256")
    data = bytearray(copy.read_bytes())
    data[len(data) // 2] ^= 0x01
    copy.write_bytes(bytes(data))
    storages["default"].delete("original_images/sauvegarde.png")

    with pytest.raises(CommandError, match="ne correspond pas à sa somme de contrôle"):
        restore(copy, tmp_path / "restauree.sqlite3")
    assert not (tmp_path / "restauree.sqlite3").exists()
    assert not storages["default"].exists("original_images/sauvegarde.png")


def test_a_member_that_differs_from_the_manifest_is_refused(backup, db, tmp_path):
    def change(name, data):
        return data.replace(b"atelier", b"ATELIER") if name.endswith(".txt") else data

    copy = tampered_copy(backup[0], tmp_path, change)
    with pytest.raises(CommandError, match="ne correspond pas à son manifeste"):
        restore(copy, tmp_path / "restauree.sqlite3")
    assert not (tmp_path / "restauree.sqlite3").exists()


def test_an_archive_without_its_checksum_or_manifest_is_refused(backup, db, tmp_path):
    copy = tmp_path / backup[0].name
    shutil.copyfile(backup[0], copy)
    with pytest.raises(CommandError, match="somme de contrôle"):
        restore(copy, tmp_path / "restauree.sqlite3")

    other = tmp_path / "autre"
    other.mkdir()
    copy = tampered_copy(
        backup[0], other, lambda name, data: b"{}" if name == "manifest.json" else data
    )
    with pytest.raises(CommandError, match="n’est pas une sauvegarde faite par manage"):
        restore(copy, tmp_path / "restauree.sqlite3")
    assert not (tmp_path / "restauree.sqlite3").exists()


def test_a_database_with_tables_is_refused_unless_replace(backup, db, tmp_path):
    target = tmp_path / "occupee.sqlite3"
    with sqlite3.connect(target) as occupied:
        occupied.execute("CREATE TABLE notes (text)")
        occupied.execute("INSERT INTO notes VALUES ('à garder')")

    with pytest.raises(CommandError, match="n’est pas vide"):
        restore(backup[0], target)
    with sqlite3.connect(target) as occupied:
        assert occupied.execute("SELECT * FROM notes").fetchall() == [("à garder",)]

    restore(backup[0], target, "--replace")
    assert_restored(target)


def test_a_different_stored_file_is_refused_unless_replace(backup, db, tmp_path):
    storages["private"].delete("exports/export-1.zip")
    storages["private"].save("exports/export-1.zip", ContentFile(b"un autre export"))

    with pytest.raises(
        CommandError,
        match=r"diffèrent de ceux de la sauvegarde \(1 : storages/private/exports/export-1\.zip\)",
    ):
        restore(backup[0], tmp_path / "restauree.sqlite3")
    assert not (tmp_path / "restauree.sqlite3").exists()
    assert storages["private"].open("exports/export-1.zip").read() == b"un autre export"

    restore(backup[0], tmp_path / "restauree.sqlite3", "--replace")
    assert (
        storages["private"].open("exports/export-1.zip").read()
        == STORED[("private", "exports/export-1.zip")]
    )


def test_a_backup_is_not_restored_into_another_vendor(backup, db):
    out = io.StringIO()
    with pytest.raises(CommandError, match="base de données sqlite"):
        call_command(
            "restore", str(backup[0]), "--database-url=postgres://u@127.0.0.1:1/x", stdout=out
        )


def test_a_backup_is_not_taken_inside_a_transaction(backup, db, tmp_path):
    with pytest.raises(CommandError, match="au sein d’une transaction"):
        call_command("backup", output=str(tmp_path / "b.tar.gz"), stdout=io.StringIO())
    assert not list(tmp_path.iterdir())


def test_backup_never_overwrites_an_archive(backup, db):
    archive = backup[0]
    before = archive.read_bytes()
    with pytest.raises(CommandError, match="existe déjà"):
        call_command("backup", output=str(archive), stdout=io.StringIO())
    assert archive.read_bytes() == before


def test_pg_programs_get_the_password_in_their_environment_only(monkeypatch):
    calls = []

    def fake_run(arguments, env, **options):
        calls.append((arguments, env))
        return subprocess.CompletedProcess(arguments, 0, "", "")

    monkeypatch.setattr(databases.subprocess, "run", fake_run)
    settings_dict = {
        "NAME": "aac",
        "USER": "aac",
        "PASSWORD": "mot-de-passe-secret",
        "HOST": "db.example",
        "PORT": 5433,
        "OPTIONS": {"sslmode": "require"},
    }
    databases.run(["/usr/bin/pg_dump", "--format=custom"], settings_dict)

    ((arguments, env),) = calls
    assert arguments == ["/usr/bin/pg_dump", "--format=custom"]
    assert env["PGPASSWORD"] == "mot-de-passe-secret"
    assert (env["PGHOST"], env["PGPORT"], env["PGUSER"], env["PGDATABASE"]) == (
        "db.example",
        "5433",
        "aac",
        "aac",
    )
    assert env["PGSSLMODE"] == "require"
