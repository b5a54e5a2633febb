"""``manage.py export_personal_data EMAIL [--output FILE]``: everything the platform holds
about one citizen, as JSON (``accounts.personal_data``), for a request under RGPD article 15."""

import json
import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.personal_data import export_personal_data


class Command(BaseCommand):
    # Like Django's own commands, the messages are not translated.
    help = (
        "Export the personal data of the account with the given e-mail address as JSON "
        "(UTF-8), to standard output or to a file."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The e-mail address of the account.")
        parser.add_argument(
            "--output",
            metavar="FILE",
            help="Write the JSON to FILE (readable by its owner only) instead of standard output.",
        )

    def handle(self, *args, email, output=None, **options):
        users = list(get_user_model().objects.filter(email__iexact=email.strip())[:2])
        if not users:
            raise CommandError(f"No account has the e-mail address {email!r}.")
        if len(users) > 1:
            raise CommandError(f"Several accounts have the e-mail address {email!r}.")
        text = json.dumps(export_personal_data(users[0]), ensure_ascii=False, indent=2) + "\n"
        if output is None:
            self.stdout.write(text, ending="")
            return
        descriptor = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
        if options["verbosity"] >= 1:
            self.stdout.write(
                self.style.SUCCESS(f"Personal data of {users[0].email} written to {output}.")
            )
