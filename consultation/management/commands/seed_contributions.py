"""``manage.py seed_contributions --count 100000``: a large, deterministic load for the benchmark.

Builds ``count`` published contributions spread over the territories (plus 10 % pending and
5 % hidden on top), with points drawn around each territory's centre, tags and a few enjeux.
Rows go in with ``bulk_create`` in batches (no signals, no audit log: this is load, not
activity). A seeded generator keyed by the row number makes every run identical. Seeded rows
carry ``import_key = "seed:<n>"``: a second run adds nothing, ``--clear`` removes them first.
"""

import datetime
import random
import sys
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag

from cms_pages.models import EnjeuPage, EventPage, TerritoryPage
from consultation.demo import FALLBACK_CENTRES
from consultation.demo_texts import TEXTS
from consultation.models import Contribution, ContributionTag

KEY_PREFIX = "seed:"
SPREAD_DEGREES = 0.15
POINT_SHARE = 0.8  # the others are placed by commune only
EVENT_SHARE = 0.1
ENJEU_SHARE = 0.05
DAYS = 365


class Command(BaseCommand):
    help = "Seed many contributions (published, plus 10% pending and 5% hidden) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=100_000, help="published contributions")
        parser.add_argument("--seed", type=int, default=2022, help="random seed")
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument("--clear", action="store_true", help="delete seeded rows first")

    def handle(self, *args, count, seed, batch_size, clear, **options):
        if count < 0 or batch_size < 1:
            raise CommandError("--count must be positive and --batch-size at least 1.")
        if clear:
            deleted, _ = Contribution.objects.filter(import_key__startswith=KEY_PREFIX).delete()
            self.stdout.write(f"Deleted {deleted} seeded rows.")
        if Contribution.objects.filter(import_key__startswith=KEY_PREFIX).exists():
            self.stdout.write("Seeded contributions already there; use --clear to rebuild.")
            return
        territories = list(TerritoryPage.objects.order_by("pk").prefetch_related("communes"))
        if not territories:
            raise CommandError("No territory: run load_demo_content first.")
        seeder = Seeder(territories, seed)
        statuses = (
            [Contribution.Status.PUBLISHED] * count
            + [Contribution.Status.PENDING] * (count // 10)
            + [Contribution.Status.HIDDEN] * (count // 20)
        )
        total = len(statuses)
        progress = ProgressBar(self.stdout if options["verbosity"] >= 1 else None, total)
        with transaction.atomic(), created_at_settable():
            for start in range(0, total, batch_size):
                rows = [
                    seeder.contribution(n, statuses[n])
                    for n in range(start, min(start + batch_size, total))
                ]
                Contribution.objects.bulk_create([row for row, _ in rows])
                seeder.link([(row.pk, extras) for row, extras in rows])
                progress.update(start + len(rows))
        progress.finish()
        self.stdout.write(self.style.SUCCESS(f"Seeded {total} contributions ({count} published)."))


@contextmanager
def created_at_settable():
    """Let bulk_create keep the seeded ``created_at`` (auto_now_add would overwrite it);
    scoped to this command and restored even on error."""
    field = Contribution._meta.get_field("created_at")
    field.auto_now_add = False
    try:
        yield
    finally:
        field.auto_now_add = True


class Seeder:
    """Builds row ``n`` from a generator seeded with (seed, n): the same rows every run."""

    def __init__(self, territories, seed):
        self.seed = seed
        self.now = timezone.now().replace(microsecond=0)
        self.territories = [
            {
                "page": page,
                "centre": (page.latitude, page.longitude)
                if page.latitude is not None
                else FALLBACK_CENTRES.get(page.slug),
                "communes": list(page.communes.all()),
                "event": EventPage.objects.filter(slug=f"capitalisation-{page.slug}").first(),
            }
            for page in territories
        ]
        self.enjeux = list(EnjeuPage.objects.order_by("pk").values_list("pk", flat=True))
        names = sorted({tag for *_, tags, _enjeu in TEXTS for tag in tags})
        self.tags = {name: Tag.objects.get_or_create(name=name)[0].pk for name in names}
        self.through_enjeux = Contribution.enjeux.through

    def contribution(self, n, status):
        rng = random.Random(f"{self.seed}:{n}")  # noqa: S311 - reproducible load
        territory = self.territories[n % len(self.territories)]
        kind, title, text, tags, _enjeu = rng.choice(TEXTS)
        commune = rng.choice(territory["communes"]) if territory["communes"] else None
        point = None
        if territory["centre"] and rng.random() < POINT_SHARE:
            lat, lng = territory["centre"]
            point = (
                round(lat + rng.uniform(-SPREAD_DEGREES, SPREAD_DEGREES), 6),
                round(lng + rng.uniform(-SPREAD_DEGREES, SPREAD_DEGREES), 6),
            )
        event = territory["event"] if rng.random() < EVENT_SHARE else None
        row = Contribution(
            import_key=f"{KEY_PREFIX}{n}",
            kind=kind,
            title=title if rng.random() < 0.5 else "",
            text=text.format(commune=commune.name if commune else "chez nous"),
            territory=territory["page"],
            commune=None if point else commune,
            latitude=point[0] if point else None,
            longitude=point[1] if point else None,
            source=Contribution.Source.EVENT if event else Contribution.Source.ONLINE,
            event=event,
            status=status,
            moderation_reason="Jeu de données de test." if status == "hidden" else "",
            created_at=self.now - datetime.timedelta(seconds=rng.randrange(DAYS * 86400)),
        )
        extras = {
            "tags": [self.tags[name] for name in tags[: rng.randint(1, len(tags))]],
            "enjeu": rng.choice(self.enjeux)
            if self.enjeux and rng.random() < ENJEU_SHARE
            else None,
        }
        return row, extras

    def link(self, rows):
        ContributionTag.objects.bulk_create(
            [
                ContributionTag(content_object_id=pk, tag_id=tag)
                for pk, x in rows
                for tag in x["tags"]
            ]
        )
        self.through_enjeux.objects.bulk_create(
            [
                self.through_enjeux(contribution_id=pk, enjeupage_id=x["enjeu"])
                for pk, x in rows
                if x["enjeu"]
            ]
        )


class ProgressBar:
    """A one-line bar redrawn in place (a line per update when not on a terminal)."""

    WIDTH = 30

    def __init__(self, stream, total):
        self.stream, self.total = stream, max(total, 1)
        self.tty = stream is not None and getattr(sys.stdout, "isatty", lambda: False)()

    def update(self, done):
        if self.stream is None:
            return
        filled = self.WIDTH * done // self.total
        bar = "█" * filled + "·" * (self.WIDTH - filled)
        line = f"[{bar}] {done}/{self.total} ({100 * done // self.total} %)"
        self.stream.write(line, ending="\r" if self.tty else "\n")
        self.stream.flush()

    def finish(self):
        if self.stream is not None and self.tty:
            self.stream.write("")
