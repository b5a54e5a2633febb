"""Send the daily digest of the discussions citizens follow (run once a day by cron)."""

from django.core.management.base import BaseCommand

from forums.notifications import send_digests


class Command(BaseCommand):
    help = (
        "E-mail each citizen who chose the daily digest the new comments of the threads they "
        "follow (still shown ones, grouped by thread) and mark them sent: running it twice "
        "sends nothing more."
    )

    def handle(self, *args, **options):
        sent, dropped = send_digests()
        self.stdout.write(f"{sent} digest(s) sent, {dropped} entr(y/ies) dropped")
