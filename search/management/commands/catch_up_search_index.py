"""``manage.py catch_up_search_index``: send Elasticsearch the document updates it missed while
it was down (run it from cron; writes also catch up a batch on their own once it is back)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search import catch_up
from search.engines import get_engine
from search.engines.elasticsearch import ERRORS, describe, record_failure
from search.models import PendingIndexUpdate


class Command(BaseCommand):
    # Like Django's own commands, the --help text is not translated.
    help = (
        "Send Elasticsearch the search document updates it missed (queued when a write "
        "failed). Meant for cron; does nothing on the database engine."
    )

    def handle(self, *args, verbosity, **options):
        if settings.SEARCH_ENGINE != "elasticsearch":
            self.report(verbosity, "The site searches the database: nothing to catch up.")
            return
        if catch_up.rebuilding():
            self.report(verbosity, "A rebuild is running: it catches up when it ends.")
            return
        try:
            sent = catch_up.catch_up(get_engine())
        except ERRORS as error:
            record_failure("write", error)
            raise CommandError(f"Elasticsearch is still failing: {describe(error)}") from error
        waiting = PendingIndexUpdate.objects.count()
        self.report(verbosity, f"{sent} updates sent to Elasticsearch, {waiting} still waiting.")

    def report(self, verbosity, message):
        if verbosity >= 1:
            self.stdout.write(message)
