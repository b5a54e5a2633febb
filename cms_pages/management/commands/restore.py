"""``manage.py restore ARCHIVE [--database-url URL] [--replace]``: a backup put back.

Everything is checked before anything is written: the archive against its ``.sha256``, each
member against the manifest, the database vendor, that the target database is empty (the
restore creates the tables: it goes into a new, unmigrated database) and that no stored file
differs from the backup's. ``--database-url`` restores into another database than the site's,
to check it before switching ``DATABASE_URL`` to it.
"""

import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cms_pages.backups import archive, databases, storages


class Command(BaseCommand):
    # Like Django's own commands, the --help text is not translated.
    help = (
        "Restore a backup made by manage.py backup into an empty database (the site's, or "
        "the one --database-url names) and the storages."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the .tar.gz written by manage.py backup")
        parser.add_argument(
            "--database-url",
            help=(
                "restore into this database instead of DATABASE_URL's, e.g. "
                "postgres://user@host:5432/new_name (created beforehand, empty)"
            ),
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help=(
                "restore even into a database that has tables, and over stored files that "
                "differ: the backup's tables and files replace theirs"
            ),
        )

    def handle(self, *args, **options):
        path, replace = Path(options["archive"]), options["replace"]
        archive.verify_checksum(path)
        database = databases.target(options["database_url"])
        try:
            with tempfile.TemporaryDirectory(prefix="aac-restore-") as folder:
                manifest, places = archive.extract(path, folder)
                self.check_target(manifest, database, replace)
                writes, unchanged = storages.plan(manifest["files"], replace)
                database.restore(places[manifest["database"]["file"]], replace)
                for storage, name, entry in writes:
                    storages.write(storage, name, places[entry["name"]])
            rows = database.row_counts()
        finally:
            database.close()
        self.compare(manifest["database"]["rows"], rows, database)
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Backup of %(created_at)s restored into %(name)s — tables: %(tables)d, "
                    "rows: %(rows)d; stored files written: %(written)d, already there: %(kept)d."
                )
                % {
                    "created_at": manifest["created_at"],
                    "name": database.name,
                    "tables": len(manifest["database"]["rows"]),
                    "rows": sum(manifest["database"]["rows"].values()),
                    "written": len(writes),
                    "kept": len(unchanged),
                }
            )
        )

    def check_target(self, manifest, database, replace):
        vendor = manifest["database"]["vendor"]
        if vendor != database.vendor:
            raise CommandError(
                _(
                    "This backup is of a %(backup)s database: it cannot be restored into "
                    "%(name)s, a %(target)s database. Nothing was restored."
                )
                % {"backup": vendor, "name": database.name, "target": database.vendor}
            )
        if not replace and not database.is_empty():
            raise CommandError(
                _(
                    "The database %(name)s is not empty: restore into a new, empty database "
                    "(--database-url), or pass --replace to overwrite it. Nothing was restored."
                )
                % {"name": database.name}
            )

    def compare(self, expected, restored, database):
        """The restored tables hold the rows the backup counted, or the operator is told."""
        differing = sorted(t for t, count in expected.items() if restored.get(t) != count)
        if differing:
            raise CommandError(
                _(
                    "The restored database %(name)s does not hold the backup's rows in "
                    "%(tables)s: do not use it."
                )
                % {"name": database.name, "tables": ", ".join(differing[:5])}
            )
