"""``manage.py import_contributions <file> --event <id> --facilitator <email>``.

The command-line twin of the admin import view (same importer, same report): for large files,
or to check a file first with ``--dry-run``. Exits with an error when bad rows stopped the
import, so a script can tell.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cms_pages.models import EventPage
from consultation.import_files import MAX_FILE_BYTES
from consultation.importer import ImportFileError, import_contributions

PROGRESS_EVERY = 100
BAR_WIDTH = 30


class ProgressBar:
    """A one-line text bar, redrawn every ``PROGRESS_EVERY`` rows (no dependency)."""

    def __init__(self, stream, label):
        self.stream, self.label = stream, label

    def __call__(self, done, total):
        if done % PROGRESS_EVERY and done != total:
            return
        filled = BAR_WIDTH * done // total
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        self.stream.write(f"\r{self.label} [{bar}] {done}/{total}", ending="")
        if done == total:
            self.stream.write("")
        self.stream.flush()


class Command(BaseCommand):
    # Like Django's own commands, the --help text is not translated.
    help = (
        "Import the paper contributions of one event from a CSV or XLSX file: every bad row "
        "is reported with its line number and, unless --skip-errors, nothing is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV (UTF-8 or Windows-1252, comma or semicolon) or XLSX")
        parser.add_argument("--event", type=int, required=True, help="id of the event page")
        parser.add_argument(
            "--facilitator", required=True, help="e-mail of the facilitator who captured them"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and report, write nothing"
        )
        parser.add_argument(
            "--skip-errors", action="store_true", help="import the valid rows, skip the bad ones"
        )

    def handle(self, *args, path, event, facilitator, dry_run, skip_errors, **options):
        event_page = EventPage.objects.live().filter(pk=event).first()
        if event_page is None:
            raise CommandError(_("No published event has the id %(id)s.") % {"id": event})
        user = self.facilitator(facilitator)
        data = self.read(Path(path))
        progress = None
        if options["verbosity"] >= 1:
            progress = ProgressBar(self.stderr, _("Checking rows"))
        try:
            report = import_contributions(
                data,
                event=event_page,
                facilitator=user,
                filename=Path(path).name,
                dry_run=dry_run,
                skip_errors=skip_errors,
                progress=progress,
            )
        except ImportFileError as error:
            raise CommandError(error.message) from None
        self.summary(report)
        if report.refused:
            raise CommandError(
                _(
                    "%(count)s bad rows: nothing was imported. Fix them, or run again with "
                    "--skip-errors to import the valid rows."
                )
                % {"count": len(report.error_lines)}
            )

    def facilitator(self, email):
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(_("No account has the e-mail address %(email)s.") % {"email": email})
        if not user.has_perm("consultation.capture_contribution"):
            raise CommandError(
                _("%(email)s is not a facilitator (group Animateurs) nor a moderator.")
                % {"email": email}
            )
        return user

    def read(self, path):
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise CommandError(
                    _("The file is too large: at most %(max)s MB.")
                    % {"max": MAX_FILE_BYTES // (1024 * 1024)}
                )
            return path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error.strerror}
            ) from None

    def summary(self, report):
        out = self.stdout
        out.write(_("Rows read: %(count)s") % {"count": report.rows})
        if report.dry_run or report.refused:
            out.write(_("To be created: %(count)s") % {"count": report.new})
        else:
            out.write(self.style.SUCCESS(_("Created: %(count)s") % {"count": report.created}))
        lines = report.already_imported_lines
        out.write(
            _("Already imported: %(count)s") % {"count": len(report.already_imported)}
            + (f" ({_('lines')} {lines})" if lines else "")
        )
        out.write(_("Rows with errors: %(count)s") % {"count": len(report.error_lines)})
        for error in report.errors:
            out.write(
                self.style.ERROR(
                    _("  line %(line)s: %(reason)s") % {"line": error.line, "reason": error.reason}
                )
            )
        if report.ignored_columns:
            out.write(
                _("Columns ignored: %(columns)s") % {"columns": ", ".join(report.ignored_columns)}
            )
        if report.dry_run:
            out.write(_("Dry run: nothing was written."))
