"""The database's part of a backup: a consistent dump, and its restore into an empty database.

PostgreSQL goes through ``pg_dump`` and ``pg_restore``, given the connection in their
environment (``PGPASSWORD`` and the like), never on a command line that ``ps`` would show.
SQLite is copied with its backup API, which takes a consistent copy of a database in use.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import environ
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError
from django.db.backends.postgresql.client import DatabaseClient
from django.db.utils import ConnectionHandler
from django.utils.translation import gettext as _


def standalone(settings_dict):
    """A connection of its own to the database ``settings_dict`` describes, outside Django's
    configured ones (a database to restore into need not be the site's). Its queries are
    raw SQL: the ORM would route them to the site's database of the same alias."""
    return ConnectionHandler({DEFAULT_DB_ALIAS: dict(settings_dict)})[DEFAULT_DB_ALIAS]


def target(database_url=None):
    """The database to restore into: the site's own, or the one ``database_url`` names (to
    restore beside the live database, then switch ``DATABASE_URL`` to it)."""
    if database_url is None:
        return for_connection(standalone(settings.DATABASES[DEFAULT_DB_ALIAS]))
    try:
        return for_connection(standalone(environ.Env.db_url_config(database_url)))
    except (ImproperlyConfigured, KeyError, ValueError) as error:
        raise CommandError(
            _("%(url)s is not a database URL (e.g. postgres://user@host:5432/name).")
            % {"url": database_url}
        ) from error


def for_connection(connection):
    vendors = {"sqlite": SQLiteDatabase, "postgresql": PostgresDatabase}
    if connection.vendor not in vendors:
        raise CommandError(
            _("Backups handle PostgreSQL and SQLite, not %(vendor)s.")
            % {"vendor": connection.vendor}
        )
    return vendors[connection.vendor](connection)


class Database:
    """One database, through a Django connection (for its introspection and quoting)."""

    vendor = None
    file_name = None

    def __init__(self, connection):
        self.connection = connection

    @property
    def name(self):
        return str(self.connection.settings_dict["NAME"])

    def is_empty(self):
        return not self.table_names()

    def table_names(self):
        try:
            with self.connection.cursor() as cursor:
                return self.connection.introspection.table_names(cursor, include_views=True)
        except DatabaseError as error:
            raise CommandError(
                _("Cannot reach the database %(name)s: %(error)s")
                % {"name": self.name, "error": error}
            ) from error

    def contents(self, cursor):
        """Each table's row count and each app's last applied migration, as ``cursor`` sees
        them."""
        quote = self.connection.ops.quote_name
        rows = {}
        for table in self.connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - a table name
            rows[table] = cursor.fetchone()[0]
        migrations = {}
        if "django_migrations" in rows:
            cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
            migrations = dict(cursor.fetchall())
        return {"rows": rows, "migrations": migrations}

    def row_counts(self):
        with self.connection.cursor() as cursor:
            return self.contents(cursor)["rows"]

    def close(self):
        self.connection.close()


class SQLiteDatabase(Database):
    vendor = "sqlite"
    file_name = "database.sqlite3"

    def dump(self, destination):
        """Copy the database with SQLite's backup API; what the copy holds."""
        if self.connection.in_atomic_block:
            # The API cannot copy from a connection writing in a transaction: it would wait
            # for the transaction to end, forever.
            raise CommandError(_("A backup cannot be taken inside a transaction."))
        self.connection.ensure_connection()
        copy = sqlite3.connect(destination)
        try:
            self.connection.connection.backup(copy)
        finally:
            copy.close()
        engine = self.connection.settings_dict["ENGINE"]
        dumped = SQLiteDatabase(standalone({"ENGINE": engine, "NAME": str(destination)}))
        try:
            with dumped.connection.cursor() as cursor:
                return dumped.contents(cursor)
        finally:
            dumped.close()

    def is_empty(self):
        path = Path(self.name)
        return not path.exists() or path.stat().st_size == 0 or super().is_empty()

    def restore(self, dump, replace):
        """Copy the dump into place page by page (SQLite's backup API, which takes the locks a
        database in use needs); ``replace`` is for the command's checks, the copy replaces
        whatever the file held."""
        self.close()
        source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
        try:
            copy = sqlite3.connect(self.name)
            try:
                source.backup(copy)
            finally:
                copy.close()
        except sqlite3.Error as error:
            raise CommandError(
                _("Cannot write the database %(name)s: %(error)s")
                % {"name": self.name, "error": error}
            ) from error
        finally:
            source.close()


class PostgresDatabase(Database):
    vendor = "postgresql"
    file_name = "database.pgdump"

    def dump(self, destination):
        """``pg_dump`` in the snapshot of a read-only transaction that counts the rows, so the
        manifest's counts are those of the dump, however busy the site."""
        pg_dump = program("pg_dump")
        reader = PostgresDatabase(standalone(self.connection.settings_dict))
        reader.table_names()  # a French error if the database cannot be reached
        try:
            with reader.connection.cursor() as cursor:
                cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                contents = reader.contents(cursor)
                run(
                    [
                        pg_dump,
                        "--format=custom",
                        "--no-owner",
                        "--no-privileges",
                        f"--snapshot={snapshot}",
                        f"--file={destination}",
                    ],
                    self.connection.settings_dict,
                )
                cursor.execute("COMMIT")
        finally:
            reader.close()
        return contents

    def restore(self, dump, replace):
        """``pg_restore`` in one transaction: on any error, the database is left as it was.
        With ``replace``, the dump's objects are dropped before they are created again."""
        pg_restore = program("pg_restore")
        self.close()
        run(
            [
                pg_restore,
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                *(["--clean", "--if-exists"] if replace else []),
                f"--dbname={self.name}",
                str(dump),
            ],
            self.connection.settings_dict,
        )


def program(name):
    path = shutil.which(name)
    if path is None:
        raise CommandError(
            _(
                "%(program)s was not found: install PostgreSQL's client programs (on Debian, "
                "the postgresql-client package) of the server's major version or later."
            )
            % {"program": name}
        )
    return path


def run(arguments, settings_dict):
    """Run a PostgreSQL client program with the connection in its environment."""
    _arguments, environment = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    environment = {**os.environ, **(environment or {})}
    for variable, key in [
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGDATABASE", "NAME"),
    ]:
        if settings_dict.get(key):
            environment[variable] = str(settings_dict[key])
    result = subprocess.run(  # noqa: S603 - a program found on PATH, arguments built here, no shell
        arguments, env=environment, capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise CommandError(
            _("%(program)s failed: %(error)s")
            % {"program": Path(arguments[0]).name, "error": result.stderr.strip()}
        )
