"""``manage.py apply_retention [--dry-run]``: delete the personal data past its retention
period and warn the accounts about to go (``accounts.retention``). Run it daily from cron.

It lives in ``accounts``, a core app, because most rules are about accounts (their rate-limit
records, sessions, exports, inactivity) and ``accounts`` may use ``outbox``, not the reverse."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts import retention
from accounts.data_export import purge_expired_exports
from cms_pages.backups import archive


class Command(BaseCommand):
    # Like Django's own commands, the messages are not translated.
    help = (
        "Delete stored e-mails, rate-limit records, expired sessions, personal data exports "
        "and backups past their retention period; warn, then delete, inactive accounts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be done; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        if settings.INACTIVE_ACCOUNT_WARNING_DAYS >= settings.INACTIVE_ACCOUNT_DAYS:
            raise CommandError(
                "INACTIVE_ACCOUNT_WARNING_DAYS must be shorter than INACTIVE_ACCOUNT_DAYS."
            )
        now = timezone.now()
        done = "would be deleted" if dry_run else "deleted"
        emails, pending = retention.purge_outbox(now, dry_run)
        self.stdout.write(
            f"e-mails older than {settings.OUTBOX_RETENTION_DAYS} days: {emails} {done} "
            f"(of which {pending} never sent)"
        )
        actions = retention.purge_account_actions(now, dry_run)
        self.stdout.write(f"rate-limit records: {actions} {done}")
        sessions = retention.purge_sessions(now, dry_run)
        self.stdout.write(f"expired sessions: {sessions} {done}")
        exports = purge_expired_exports(now=now, dry_run=dry_run)
        self.stdout.write(f"expired personal data exports: {exports} {done}")
        backups = archive.prune(
            settings.BACKUP_DIR, now - timedelta(days=settings.BACKUP_RETENTION_DAYS), dry_run
        )
        self.stdout.write(
            f"backups older than {settings.BACKUP_RETENTION_DAYS} days in BACKUP_DIR: "
            f"{backups} {done}"
        )
        warned = retention.warn_inactive_accounts(now, dry_run)
        self.stdout.write(
            f"inactive accounts: {warned} {'would be warned' if dry_run else 'warned'}"
        )
        deleted = retention.delete_inactive_accounts(now, dry_run)
        self.stdout.write(f"inactive accounts warned and still unused: {deleted} {done}")
