"""Seed many initiatives into the bench's template database, fast and deterministic.

Run by bench/run.py (``python -m bench.seed_initiatives --count 5000`` from the project root,
with the bench's environment). Creating 5,000 Wagtail pages one by one (``add_child``, a
revision each) takes minutes; here the page rows are bulk-inserted with their tree paths
computed as treebeard does (the parent's path plus one step per child), then the
initiatives' own table, their relations, tags and members, in a few batched statements. No
revision is written: the live rows are what the public pages read. On top of ``count``
published initiatives, one in twenty more is a draft, so the visibility filter has something
to leave out. Seeded pages have slugs ``banc-<n>``; a second run adds nothing.
"""

import argparse
import datetime
import random
import uuid

SLUG_PREFIX = "banc-"
SPREAD_DEGREES = 0.15
POINT_SHARE = 0.8
INSPIRED_SHARE = 0.3
DRAFT_EVERY = 20  # one draft after every 19 published initiatives
USERS = 300
BATCH = 1000

NAMES = [
    "Repair café",
    "Jardin partagé",
    "Vélo-école",
    "Épicerie solidaire",
    "Coopérative solaire",
    "Ressourcerie",
    "Tiers-lieu",
    "Covoiturage de village",
    "Cantine bio",
    "Atelier numérique",
    "Habitat partagé",
    "Ferme collective",
]
SUMMARIES = [
    "Réparer ensemble plutôt que jeter, un samedi par mois, avec des bénévoles du quartier.",
    "Cultiver des légumes entre voisins et partager les récoltes avec l'épicerie solidaire.",
    "Apprendre à circuler à vélo en ville, pour les enfants comme pour les adultes.",
    "Produire une électricité locale sur les toits des écoles, avec les habitants.",
    "Donner une seconde vie aux objets et créer des emplois d'insertion.",
]
TAGS = ["réemploi", "solidarité", "énergie", "mobilité", "alimentation", "jeunesse", "emploi"]


def published_number(n):
    """Whether the n-th seeded initiative is published (the others are drafts)."""
    return n % DRAFT_EVERY != DRAFT_EVERY - 1


def seed(count, seed_value=2024):
    from django.contrib.auth.hashers import make_password
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.db.models import F
    from django.utils import timezone
    from taggit.models import Tag
    from wagtail.models import Locale, Page

    from accounts.models import User
    from cms_pages.models import EnjeuPage, HomePage, TerritoryPage
    from consultation.models import Contribution
    from initiatives.models import (
        InitiativeIndexPage,
        InitiativePage,
        InitiativePageTag,
        Membership,
    )

    if InitiativePage.objects.filter(slug__startswith=SLUG_PREFIX).exists():
        print("Seeded initiatives already there.")
        return
    rng = random.Random(seed_value)
    now = timezone.now().replace(microsecond=0)
    with transaction.atomic():
        index = InitiativeIndexPage.objects.first()
        if index is None:
            index = HomePage.objects.get().add_child(
                instance=InitiativeIndexPage(title="Planisphère des solutions", slug="initiatives")
            )
        index = Page.objects.get(pk=index.pk)
        territories = list(TerritoryPage.objects.live().order_by("pk"))
        enjeux = list(EnjeuPage.objects.live().order_by("pk").values_list("pk", flat=True))
        contributions = list(
            Contribution.objects.published().order_by("pk").values_list("pk", flat=True)[:20000]
        )
        content_type = ContentType.objects.get_for_model(InitiativePage)
        locale = Locale.get_default()
        users = User.objects.bulk_create(
            [
                User(
                    username=f"banc{n}",
                    email=f"banc{n}@example.org",
                    display_name=f"Citoyenne {n}",
                    password=make_password(None),  # unusable: they never log in
                )
                for n in range(USERS)
            ]
        )
        tags = [Tag.objects.get_or_create(name=name)[0] for name in TAGS]
        total = count + count // (DRAFT_EVERY - 1)
        last_child = index.get_last_child()
        steplen = InitiativePage.steplen
        first_step = InitiativePage._str2int(last_child.path[-steplen:]) + 1 if last_child else 1
        for start in range(0, total, BATCH):
            numbers = range(start, min(start + BATCH, total))
            specs = [spec(n, rng, territories, enjeux, contributions, now) for n in numbers]
            pages = Page.objects.bulk_create(
                [
                    Page(
                        title=s["title"],
                        draft_title=s["title"],
                        slug=s["slug"],
                        path=InitiativePage._get_path(index.path, index.depth + 1, first_step + n),
                        depth=index.depth + 1,
                        numchild=0,
                        url_path=f"{index.url_path}{s['slug']}/",
                        content_type=content_type,
                        locale=locale,
                        translation_key=uuid.UUID(int=rng.getrandbits(128)),
                        live=s["live"],
                        has_unpublished_changes=not s["live"],
                        first_published_at=s["published_at"],
                        last_published_at=s["published_at"],
                    )
                    for n, s in zip(numbers, specs, strict=True)
                ]
            )
            rows = [
                InitiativePage(
                    page_ptr_id=page.pk,
                    summary=s["summary"],
                    description=f"<p>{s['summary']}</p>",
                    maturity=s["maturity"],
                    economic_purpose=s["purpose"],
                    organisation_mode=s["mode"],
                    membership_policy=s["policy"],
                    needs=[("need", "Un local"), ("need", "Des bénévoles")],
                    location=s["location"],
                    latitude=s["point"][0] if s["point"] else None,
                    longitude=s["point"][1] if s["point"] else None,
                )
                for page, s in zip(pages, specs, strict=True)
            ]
            # bulk_create refuses multi-table models: insert the child table's own columns,
            # as bulk_create does for each table.
            InitiativePage._base_manager._insert(
                rows, fields=InitiativePage._meta.local_concrete_fields
            )
            link(pages, specs, users, tags, rng, now, InitiativePage, InitiativePageTag, Membership)
        Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + total)
    print(f"Seeded {total} initiatives ({count} published).")


def spec(n, rng, territories, enjeux, contributions, now):
    from consultation.demo import FALLBACK_CENTRES
    from initiatives.models import InitiativePage

    territory = territories[n % len(territories)]
    centre = (
        (territory.latitude, territory.longitude)
        if territory.latitude is not None
        else FALLBACK_CENTRES.get(territory.slug)
    )
    point = None
    if centre and rng.random() < POINT_SHARE:
        point = (
            round(centre[0] + rng.uniform(-SPREAD_DEGREES, SPREAD_DEGREES), 6),
            round(centre[1] + rng.uniform(-SPREAD_DEGREES, SPREAD_DEGREES), 6),
        )
    others = [t.pk for t in territories if t.pk != territory.pk]
    title = f"{rng.choice(NAMES)} n° {n}"
    return {
        "title": title,
        "slug": f"{SLUG_PREFIX}{n}",
        "summary": rng.choice(SUMMARIES),
        "live": published_number(n),
        "published_at": now - datetime.timedelta(seconds=rng.randrange(365 * 86400))
        if published_number(n)
        else None,
        "maturity": rng.choice(InitiativePage.Maturity.values),
        "purpose": rng.choice(InitiativePage.EconomicPurpose.values),
        "mode": rng.choice(InitiativePage.OrganisationMode.values),
        "policy": rng.choice(InitiativePage.MembershipPolicy.values),
        "point": point,
        "location": f"SRID=4326;POINT({point[1]} {point[0]})" if point else "",
        "territories": [territory.pk] + (rng.sample(others, 1) if rng.random() < 0.2 else []),
        "enjeux": rng.sample(enjeux, rng.randint(1, min(3, len(enjeux)))) if enjeux else [],
        "inspired_by": rng.sample(contributions, 2)
        if contributions and rng.random() < INSPIRED_SHARE
        else [],
    }


def link(pages, specs, users, tags, rng, now, model, tag_model, membership_model):
    """Territories, enjeux, contributions, tags and members of one batch of initiatives."""
    for relation, key in (("territories", "territorypage"), ("enjeux", "enjeupage")):
        through = getattr(model, relation).through
        through.objects.bulk_create(
            [
                through(initiativepage_id=page.pk, **{f"{key}_id": pk})
                for page, s in zip(pages, specs, strict=True)
                for pk in s[relation]
            ]
        )
    through = model.inspired_by.through
    through.objects.bulk_create(
        [
            through(initiativepage_id=page.pk, contribution_id=pk)
            for page, s in zip(pages, specs, strict=True)
            for pk in s["inspired_by"]
        ]
    )
    tag_model.objects.bulk_create(
        [
            tag_model(content_object_id=page.pk, tag_id=tag.pk)
            for page in pages
            for tag in rng.sample(tags, rng.randint(1, 3))
        ]
    )
    memberships = []
    for page in pages:
        chosen = rng.sample(users, rng.randint(1, 6))
        for position, user in enumerate(chosen):
            memberships.append(
                membership_model(
                    initiative_id=page.pk,
                    user=user,
                    role="porteur" if position == 0 else "membre",
                    status="active",
                    joined_at=now,
                )
            )
    membership_model.objects.bulk_create(memberships)


def main():
    import django

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000, help="published initiatives")
    args = parser.parse_args()
    django.setup()
    seed(args.count)


if __name__ == "__main__":
    main()
