"""``manage.py backup [--output PATH]``: the database and every stored file in one archive.

The archive (``cms_pages/backups/__init__.py`` describes it) is written under ``BACKUP_DIR``
unless ``--output`` says where, with its SHA-256 in ``<archive>.sha256`` beside it, which
``manage.py restore`` checks before anything else.
"""

import platform
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import gettext as _

from cms_pages.backups import archive, databases, storages


class Command(BaseCommand):
    # Like Django's own commands, the --help text is not translated.
    help = (
        "Back up the database and every stored file (media, private files) into one archive, "
        "with its SHA-256 checksum in <archive>.sha256 beside it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="archive to write (default: BACKUP_DIR/aux-actes-citoyens-<UTC time>.tar.gz)",
        )

    def handle(self, *args, output=None, **options):
        now = datetime.now(UTC)
        path = Path(
            output
            or Path(settings.BACKUP_DIR) / f"{archive.DEFAULT_PREFIX}{now:%Y%m%dT%H%M%SZ}.tar.gz"
        )
        if path.exists() or archive.checksum_path(path).exists():
            raise CommandError(
                _("%(path)s already exists: a backup never overwrites another.") % {"path": path}
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(
                _("Cannot create the folder %(path)s: %(error)s")
                % {"path": path.parent, "error": error.strerror}
            ) from error
        database = databases.for_connection(connections[DEFAULT_DB_ALIAS])
        # The copies wait beside the archive, on its disk, not in a possibly small /tmp.
        with tempfile.TemporaryDirectory(prefix=".backup-", dir=path.parent) as folder:
            dump = Path(folder) / database.file_name
            contents = database.dump(dump)
            members = [(database.file_name, dump)]
            files = [
                {
                    "name": database.file_name,
                    "size": dump.stat().st_size,
                    "sha256": archive.file_sha256(dump),
                }
            ]
            for name, stored, size, sha256 in storages.copy_out(Path(folder)):
                members.append((name, stored))
                files.append({"name": name, "size": size, "sha256": sha256})
            manifest = {
                "format": archive.FORMAT,
                "created_at": now.isoformat(),
                "versions": {
                    "python": platform.python_version(),
                    "django": django.get_version(),
                    "wagtail": wagtail.__version__,
                },
                "plugins": list(settings.PLUGINS),
                "storages": storages.backed_up(),
                "database": {
                    "vendor": database.vendor,
                    "file": database.file_name,
                    "migrations": contents["migrations"],
                    "rows": contents["rows"],
                },
                "files": files,
            }
            digest = archive.write(path, manifest, members)
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Backup written to %(path)s — tables: %(tables)d, rows: %(rows)d, "
                    "stored files: %(files)d."
                )
                % {
                    "path": path,
                    "tables": len(contents["rows"]),
                    "rows": sum(contents["rows"].values()),
                    "files": len(files) - 1,
                }
            )
        )
        self.stdout.write(f"{digest}  {path.name}")
