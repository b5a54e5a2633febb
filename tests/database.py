"""The test database: one migrated template, cloned for each pytest-xdist worker.

Running every migration (Wagtail, allauth, comments and ours) takes seconds on each worker, at
every run. The template is built once, under a lock, and named after a digest of every
migration file and the database engine, so a changed or new migration builds a new one (the old
one is dropped); each worker then starts from a copy of it (a file copy on SQLite,
``CREATE DATABASE … TEMPLATE`` on PostgreSQL), dropped when the run ends. Migrations are never
skipped: data migrations create the staff groups, the search configuration and its indexes.
"""

import contextlib
import fcntl
import hashlib
import shutil
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command


def migrations_digest(connection):
    """A digest of every migration on disk (name and source) and of the database engine."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    digest = hashlib.sha256(connection.vendor.encode())
    for key in sorted(loader.disk_migrations):
        source = Path(sys.modules[loader.disk_migrations[key].__module__].__file__)
        digest.update(repr(key).encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


@contextlib.contextmanager
def locked(name):
    """An exclusive lock across processes (the workers of a run, and parallel runs)."""
    path = Path(tempfile.gettempdir()) / f"{name}.lock"
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class SQLiteFiles:
    """Test databases as files beside the worker's own (``TEST["NAME"]``)."""

    def __init__(self, connection):
        self.connection = connection
        self.folder = Path(connection.settings_dict["TEST"]["NAME"]).parent

    def template_name(self, digest):
        return str(self.folder / f"test_template_{digest}.sqlite3")

    def exists(self, name):
        return Path(name).exists()

    def rename(self, old, new):
        Path(old).replace(new)

    def clone(self, template, name):
        shutil.copyfile(template, name)

    def drop(self, name):
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(name + suffix).unlink(missing_ok=True)

    def stale_templates(self, keep):
        return [str(p) for p in self.folder.glob("test_template_*.sqlite3") if str(p) != keep]


class PostgresDatabases:
    """Test databases on the PostgreSQL server, handled from its maintenance database."""

    def __init__(self, connection):
        self.connection = connection
        self.base = connection.settings_dict["NAME"]

    def template_name(self, digest):
        return f"test_{self.base}_template_{digest}"

    def _run(self, sql, params=None):
        with self.connection.creation._nodb_cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.description else None

    def exists(self, name):
        return bool(self._run("SELECT 1 FROM pg_database WHERE datname = %s", [name]))

    def rename(self, old, new):
        self._run(f'ALTER DATABASE "{old}" RENAME TO "{new}"')

    def clone(self, template, name):
        self._run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._run(f'CREATE DATABASE "{name}" WITH TEMPLATE "{template}"')

    def drop(self, name):
        self._run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stale_templates(self, keep):
        rows = self._run(
            "SELECT datname FROM pg_database WHERE datname LIKE %s",
            [f"test\\_{self.base}\\_template\\_%"],
        )
        return [name for (name,) in rows if name != keep]


def storage_for(connection):
    if connection.vendor == "sqlite":
        return SQLiteFiles(connection)
    if connection.vendor == "postgresql":
        return PostgresDatabases(connection)
    raise NotImplementedError(f"No test template for {connection.vendor}")


def build_template(connection, storage, template):
    """Migrate a new database and keep it under the template's name (built aside, then
    renamed, so a run that dies half-way leaves no half-migrated template)."""
    building = template + "_building" if connection.vendor != "sqlite" else template + ".building"
    test_settings = connection.settings_dict["TEST"]
    worker_name = test_settings.get("NAME")
    test_settings["NAME"] = building
    original = connection.settings_dict["NAME"]
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    finally:
        connection.close()
        test_settings["NAME"] = worker_name
        connection.settings_dict["NAME"] = original
        settings.DATABASES[connection.alias]["NAME"] = original
    storage.rename(building, template)
    for stale in storage.stale_templates(keep=template):
        storage.drop(stale)


def use(connection, name):
    connection.close()
    connection.settings_dict["NAME"] = name
    settings.DATABASES[connection.alias]["NAME"] = name


def set_up(connection):
    """Give this process its own copy of the migrated template; return a function that drops
    it and points the connection back where it was."""
    storage = storage_for(connection)
    template = storage.template_name(migrations_digest(connection))
    worker_name = connection.creation._get_test_db_name()
    original = connection.settings_dict["NAME"]
    with locked(Path(template).name):
        if not storage.exists(template):
            build_template(connection, storage, template)
        storage.clone(template, worker_name)
    use(connection, worker_name)
    # The database cache's table (Redis's stand-in, website/cache.py), also in a template
    # built before the settings named it.
    call_command("createcachetable", database=connection.alias, verbosity=0)
    # What serialized_rollback puts back after a transactional test empties the tables.
    connection._test_serialized_contents = connection.creation.serialize_db_to_string()

    def tear_down():
        use(connection, original)
        storage.drop(worker_name)

    return tear_down
