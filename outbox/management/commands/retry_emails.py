"""Send again the e-mails that could not leave (and those still waiting)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from outbox.delivery import deliver
from outbox.models import OutgoingEmail


class Command(BaseCommand):
    help = "Retry e-mails that failed or are still pending, up to OUTBOX_MAX_ATTEMPTS attempts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Ignore the attempt limit and retry every one."
        )

    def handle(self, *args, **options):
        emails = OutgoingEmail.objects.exclude(status=OutgoingEmail.Status.SENT)
        if not options["all"]:
            emails = emails.filter(attempts__lt=settings.OUTBOX_MAX_ATTEMPTS)
        sent = failed = 0
        for pk in emails.order_by("created_at").values_list("pk", flat=True):
            if deliver(pk) == OutgoingEmail.Status.SENT:
                sent += 1
            else:
                failed += 1
        self.stdout.write(f"{sent} sent, {failed} still failing")
        if failed:
            raise SystemExit(1)
