"""Demo révoltes and rêves for ``load_demo_content``: about sixty published across the five
territories, a few pending and one hidden, so the map has something to show and moderators a
queue to work through.

They are invented and say so: tag ``exemple``, no author, no participant first name. Each has
a fixed ``import_key`` (``demo:<territory>:<n>``), so a second run adds nothing. No randomness
beyond a seeded generator: every run builds the same contributions.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from cms_pages.areas import other_territories, territory_contains
from cms_pages.models import EnjeuPage, EventPage, TerritoryPage
from consultation.demo_texts import HIDDEN, HIDDEN_REASON, TEXTS
from consultation.models import Contribution

MARKER_TAG = "exemple"
KEY_PREFIX = "demo:"
# In the order of the demo tree; each territory gets PER_TERRITORY texts from TEXTS in turn.
TERRITORY_SLUGS = [
    "grand-belfort",
    "pays-de-montbeliard-agglomeration",
    "pays-d-hericourt",
    "sud-territoire",
    "vosges-du-sud",
]
PER_TERRITORY = len(TEXTS) // len(TERRITORY_SLUGS)
PENDING_INDEX = PER_TERRITORY - 1  # the last of each territory waits for moderation
HIDDEN_TERRITORY = "pays-d-hericourt"
SPREAD_DEGREES = 0.05  # a few kilometres around the centre
# Where load seeders and the demo's initiatives (whose form places points freely) put things
# in a territory with no centre: around Giromagny for Vosges du Sud. Never a territory's point,
# and never used for demo contributions, whose points the contribution form must accept.
FALLBACK_CENTRES = {"vosges-du-sud": (47.7425, 6.8275)}
POINT_ATTEMPTS = 50  # draws until a point lies in its territory (nearly always the first)
AGE_RANGES = [choice for choice, _label in Contribution.AgeRange.choices]
PUBLICS = [choice for choice, _label in Contribution.Public.choices]


def load_demo_contributions():
    """Create the demo contributions that are missing; return how many were created."""
    territories = {t.slug: t for t in TerritoryPage.objects.filter(slug__in=TERRITORY_SLUGS)}
    if not territories:
        return 0
    existing = set(
        Contribution.objects.filter(import_key__startswith=KEY_PREFIX).values_list(
            "import_key", flat=True
        )
    )
    enjeux = {e.slug: e for e in EnjeuPage.objects.all()}
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    created = 0
    with transaction.atomic():
        for spec in demo_specs(territories):
            if spec["import_key"] in existing:
                continue
            create(spec, enjeux, now)
            created += 1
    return created


def demo_specs(territories):
    """One dict per demo contribution, in a fixed order."""
    specs = []
    for t_index, slug in enumerate(TERRITORY_SLUGS):
        territory = territories.get(slug)
        if territory is None:
            continue
        rng = random.Random(slug)  # noqa: S311 - reproducible demo, not security
        communes = list(territory.communes.order_by("sort_order", "pk"))
        others = other_territories(territory)
        event = EventPage.objects.filter(slug=f"capitalisation-{slug}").first()
        for n in range(PER_TERRITORY):
            kind, title, text, tags, enjeu = TEXTS[t_index * PER_TERRITORY + n]
            commune = communes[(n * 7 + t_index) % len(communes)] if communes else None
            spec = {
                "import_key": f"{KEY_PREFIX}{slug}:{n}",
                "territory": territory,
                "kind": kind,
                "title": title,
                "text": text.format(commune=commune.name if commune else "chez nous"),
                "tags": [*tags, MARKER_TAG],
                # Every third published one is linked to its enjeu, as a moderator would.
                "enjeu": enjeu if n % 3 == 0 else "",
                "status": Contribution.Status.PENDING
                if n == PENDING_INDEX
                else Contribution.Status.PUBLISHED,
                # Hours before now, interleaved; pending ones are the newest, as in real life.
                "age": t_index if n == PENDING_INDEX else (n + 1) * len(TERRITORY_SLUGS) + t_index,
                "event": event if n % 4 == 3 else None,
            }
            # Half of them have a point, révoltes and rêves alike (the texts alternate kinds).
            point = demo_point(territory, rng, others) if n % 4 < 2 else None
            if point:
                spec["point"] = point
                spec["commune"] = None
            else:
                spec["point"] = None
                spec["commune"] = commune
            specs.append(spec)
        if slug == HIDDEN_TERRITORY:
            kind, title, text, tags, _enjeu = HIDDEN
            specs.append(
                {
                    "import_key": f"{KEY_PREFIX}{slug}:hidden",
                    "territory": territory,
                    "kind": kind,
                    "title": title,
                    "text": text,
                    "tags": [*tags, MARKER_TAG],
                    "enjeu": "",
                    "status": Contribution.Status.HIDDEN,
                    "reason": HIDDEN_REASON,
                    "age": 30,
                    "event": None,
                    "point": None,
                    "commune": communes[0] if communes else None,
                }
            )
    return specs


def territory_centre(territory):
    if territory.latitude is not None and territory.longitude is not None:
        return territory.latitude, territory.longitude
    return FALLBACK_CENTRES.get(territory.slug)


def demo_point(territory, rng, others):
    """A point around the territory's centre that the contribution form would accept from a
    citizen (``territory_contains``), or None: a territory whose position is unknown (no
    centre) gets its contributions placed by commune, as the form would place them."""
    if territory.latitude is None or territory.longitude is None:
        return None
    for _attempt in range(POINT_ATTEMPTS):
        point = (
            round(territory.latitude + rng.uniform(-SPREAD_DEGREES, SPREAD_DEGREES), 5),
            round(territory.longitude + rng.uniform(-SPREAD_DEGREES, SPREAD_DEGREES), 5),
        )
        if territory_contains(territory, *point, others):
            return point
    return None


def create(spec, enjeux, now):
    point = spec["point"] or (None, None)
    event = spec["event"]
    contribution = Contribution.objects.create(
        import_key=spec["import_key"],
        kind=spec["kind"],
        title=spec["title"],
        text=spec["text"],
        territory=spec["territory"],
        commune=spec["commune"],
        latitude=point[0],
        longitude=point[1],
        source=Contribution.Source.EVENT if event else Contribution.Source.ONLINE,
        event=event,
        participant_age_range=AGE_RANGES[spec["age"] % len(AGE_RANGES)] if event else "",
        participant_public=PUBLICS[spec["age"] % len(PUBLICS)] if event else "",
        status=spec["status"],
        moderation_reason=spec.get("reason", ""),
    )
    # created_at is set on insert; spread the demo over the last days, newest first.
    Contribution.objects.filter(pk=contribution.pk).update(
        created_at=now - datetime.timedelta(hours=spec["age"] * 5)
    )
    contribution.tags.add(*spec["tags"])
    if spec["enjeu"] and spec["enjeu"] in enjeux and spec["status"] == "published":
        contribution.enjeux.add(enjeux[spec["enjeu"]])
    return contribution
