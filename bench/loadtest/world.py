"""The load test's side inside Django: the accounts and the plan before the run, the rows
written during it afterwards.

Run by bench/loadtest/run.py from the project root with the load test's environment:

- ``python -m bench.loadtest.world prepare --accounts 200 --plan PATH`` creates the test
  citizens and writes the plan the locustfile reads (JSON): their e-mail addresses and
  password, then what they visit and write to, read from the demo content — the territories
  with points inside each (checked as the contribution form checks them), the enjeux, the
  published contributions (« moi aussi »), the threads any citizen may answer, the initiatives
  any citizen may join, the pages to browse.
- ``python -m bench.loadtest.world rows --since ISO`` prints (JSON) what the test citizens
  wrote since the run started: contribution and comment ids, « moi aussi » and membership
  pairs, to compare with the writes the test saw accepted.

The citizens are created directly in the database (sign-up is rate-limited per IP address):
an e-mail address verified through allauth's ``EmailAddress`` (login requires one), joined
long enough ago to be past the forums' new-account rules (``FORUM_NEW_ACCOUNT_DAYS``). One
password hash serves them all: hashing is made slow on purpose, 200 times would take minutes.
Their contributions are pre-moderated all the same (``CONTRIBUTIONS_PREMODERATION``): a row is
counted whatever its status.
"""

import argparse
import json
import random
import secrets
from datetime import datetime, timedelta
from pathlib import Path

EMAIL_DOMAIN = "charge.invalid"
POINTS_PER_TERRITORY = 40
JOINED_DAYS_AGO = 60


def test_citizens():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")


def create_citizens(count, password):
    """``count`` active citizens with verified addresses; returns their e-mail addresses."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    user_model = get_user_model()
    hashed = make_password(password)
    joined = timezone.now() - timedelta(days=JOINED_DAYS_AGO)
    emails = [f"citoyen-{n:04d}@{EMAIL_DOMAIN}" for n in range(1, count + 1)]
    with transaction.atomic():
        test_citizens().delete()
        users = user_model.objects.bulk_create(
            user_model(
                username=email,
                email=email,
                password=hashed,
                display_name=f"Citoyen de charge {n}",
                date_joined=joined,
            )
            for n, email in enumerate(emails, start=1)
        )
        EmailAddress.objects.bulk_create(
            EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
        )
    return emails


def points_inside(territory, rng, count=POINTS_PER_TERRITORY):
    """``count`` (latitude, longitude) points that the contribution form accepts for
    ``territory`` (drawn in its box, kept when ``territory_contains`` says yes)."""
    from cms_pages.areas import other_territories, territory_bbox, territory_contains

    west, south, east, north = territory_bbox(territory)
    others = other_territories(territory)
    points = []
    for _attempt in range(count * 50):
        latitude = round(rng.uniform(south, north), 5)
        longitude = round(rng.uniform(west, east), 5)
        if territory_contains(territory, latitude, longitude, others):
            points.append([latitude, longitude])
            if len(points) == count:
                break
    return points


def forum_url(thread):
    """The forum (list of threads) that ``thread`` belongs to."""
    from django.urls import reverse

    owner = thread.owner
    return reverse(f"forums:{owner['kind']}-forum", kwargs=owner["url_kwargs"](thread.page))


def plan(emails, password, rng):
    """What the simulated citizens visit and write to (see the module's docstring)."""
    from cms_pages.areas import has_area
    from cms_pages.models import EnjeuPage, TerritoryPage
    from consultation.models import Contribution
    from forums.models import Thread
    from forums.notifications import EVERYONE, audience
    from initiatives.public import published_initiatives

    citizen = test_citizens().first()
    territories = [
        {
            "id": territory.pk,
            "slug": territory.slug,
            "url": territory.url,
            # No point where the territory has no area to check one against: its
            # contributions are placed in the whole territory.
            "points": points_inside(territory, rng) if has_area(territory) else [],
        }
        for territory in TerritoryPage.objects.live().public().order_by("pk")
    ]
    # Threads every citizen reads (public page, not members-only) and may answer.
    threads = [
        thread
        for thread in Thread.objects.order_by("pk")
        if audience(thread) == EVERYONE and citizen.has_perm("forums.post_comment", thread)
    ]
    initiatives = [
        {"id": page.pk, "url": page.url}
        for page in published_initiatives().order_by("pk")
        if citizen.has_perm("initiatives.join_initiative", page)
    ]
    return {
        "password": password,
        "accounts": emails,
        "territories": territories,
        "enjeux": [page.url for page in EnjeuPage.objects.live().public().order_by("pk")],
        "contributions": list(
            Contribution.objects.filter(status=Contribution.Status.PUBLISHED)
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
        "threads": [{"id": thread.pk, "url": thread.get_absolute_url()} for thread in threads],
        "forums": sorted({forum_url(thread) for thread in threads}),
        "initiatives": initiatives,
    }


def prepare(accounts, plan_path):
    from django.core.cache import cache

    # The shared cache may hold pages of an earlier run's database (another demo, other ids).
    cache.clear()
    password = secrets.token_urlsafe(16)
    emails = create_citizens(accounts, password)
    content = plan(emails, password, random.Random(2026))
    Path(plan_path).write_text(json.dumps(content, indent=1, ensure_ascii=False))
    print(
        f"{len(emails)} citizens; {len(content['territories'])} territories, "
        f"{len(content['contributions'])} published contributions, "
        f"{len(content['threads'])} threads, {len(content['initiatives'])} initiatives"
    )


def rows(since):
    """What the test citizens wrote since ``since`` (see the module's docstring)."""
    from consultation.models import Contribution, Support
    from forums.models import Comment
    from initiatives.models import Membership

    citizens = test_citizens()
    return {
        "contributions": sorted(
            Contribution.objects.filter(author__in=citizens, created_at__gte=since).values_list(
                "pk", flat=True
            )
        ),
        "comments": sorted(
            Comment.objects.filter(user__in=citizens, submit_date__gte=since).values_list(
                "pk", flat=True
            )
        ),
        "supports": sorted(
            Support.objects.filter(user__in=citizens, created_at__gte=since).values_list(
                "user__email", "contribution_id"
            )
        ),
        "memberships": sorted(
            Membership.objects.filter(user__in=citizens, created_at__gte=since).values_list(
                "user__email", "initiative_id"
            )
        ),
    }


def queue():
    """The background tasks (the database queue the worker empties): how many still wait or
    run, how many failed, how many were done."""
    from django.db.models import Count
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    by_status = DBTaskResult.objects.values("status").annotate(n=Count("pk"))
    counts = {row["status"]: row["n"] for row in by_status}
    waiting = counts.get(TaskResultStatus.READY, 0) + counts.get(TaskResultStatus.RUNNING, 0)
    return {
        "waiting": waiting,
        "failed": counts.get(TaskResultStatus.FAILED, 0),
        "done": counts.get(TaskResultStatus.SUCCESSFUL, 0),
    }


def main():
    import django

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    prepare_command = commands.add_parser("prepare", help="create the citizens, write the plan")
    prepare_command.add_argument("--accounts", type=int, required=True)
    prepare_command.add_argument("--plan", required=True, help="where to write the plan (JSON)")
    rows_command = commands.add_parser("rows", help="print what the citizens wrote (JSON)")
    rows_command.add_argument("--since", required=True, help="ISO 8601 date and time")
    commands.add_parser("queue", help="print the background tasks waiting and failed (JSON)")
    args = parser.parse_args()

    django.setup()
    if args.command == "prepare":
        prepare(args.accounts, args.plan)
    elif args.command == "queue":
        print(json.dumps(queue()))
    else:
        print(json.dumps(rows(datetime.fromisoformat(args.since))))


if __name__ == "__main__":
    main()
