"""``manage.py rebuild_search_index``: every search document written again, stale ones removed,
the engine's index rebuilt; a progress bar per source on stderr (none at verbosity 0)."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from search.rebuild import CHUNK_SIZE, rebuild_index


def raw(stream):
    """The stream under Django's OutputWrapper: tqdm redraws its bar with carriage returns,
    which the wrapper would end with a new line each (and colour as an error on stderr)."""
    return getattr(stream, "_out", stream)


class Command(BaseCommand):
    # Like Django's own commands, the --help text is not translated.
    help = (
        "Write the search document of every public object, remove the documents of objects "
        "no longer public, then rebuild the search engine's index. Searches keep working "
        "during the run."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--chunk-size",
            type=int,
            default=CHUNK_SIZE,
            help="objects read and written at once (default %(default)s)",
        )

    def handle(self, *args, chunk_size, verbosity, **options):
        def progress(description, total):
            return tqdm(
                total=total,
                desc=description,
                unit="doc",
                file=raw(self.stderr),
                disable=verbosity == 0,
            )

        outcome = rebuild_index(progress=progress, chunk_size=max(chunk_size, 1))
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(str(outcome)))
