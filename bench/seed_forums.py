"""Seed a very long discussion, and a busy forum around it, into the bench's template database.

Run by bench/run.py (``python -m bench.seed_forums --comments 5000`` from the project root,
with the bench's environment), after the initiatives: one thread of the enjeu "Mobilité" with
``--comments`` comments (roots with replies on the two levels below them), and ``--threads``
shorter threads in the same forum, so that its index has pages, reply counts and last
activities to sort.

Posting 5,000 comments one by one through django-comments-xtd takes minutes (each reply reads
and shifts the numbers of its tree); here the rows are bulk-inserted into the three tables of
the comment model (django-contrib-comments' ``django_comments``, django-comments-xtd's
``django_comments_xtd_xtdcomment``, the project's ``forums_comment``), in batches of 1,000,
with the tree fields xtd would have written: a root comment has ``thread_id = parent_id = its
own id``, level 0 and order 1; its replies carry the root's ``thread_id``, their parent's id,
level 1 or 2, and ``order`` numbers the rows of one tree in display order (a reply right after
its parent's earlier replies); ``nested_count`` counts the replies below each comment. About one
comment in a hundred is hidden by a moderator and a few are deleted by their authors (their
replies stay), about a third are liked. A second run adds nothing.

``python -m bench.seed_forums --urls`` prints the paths of the long thread and of its forum
(JSON), for the bench's scenarios.
"""

import argparse
import datetime
import json
import random

BENCH_TITLE = "Banc d'essai : une très longue discussion sur les transports"
SMALL_TITLE = "Banc d'essai : discussion n° {n}"
ENJEU_SLUG = "mobilite"
BATCH = 1000
USERS = 300
HIDDEN_EVERY = 97
DELETED_EVERY = 151
LIKED_SHARE = 0.3

TEXTS = [
    "Je prends le bus tous les matins entre Valdoie et Belfort : il est souvent en retard l'hiver.",
    "Une piste cyclable entre Audincourt et Montbéliard changerait tout pour les lycéens.",
    "D'accord avec vous. Il faudrait aussi des abris **couverts** aux arrêts.",
    "Le covoiturage marche bien quand on se connaît : pourquoi pas un groupe par village ?",
    "Merci pour ces idées, je les transmets à l'atelier de jeudi.",
    "Le train du matin vers Héricourt est plein, un wagon de plus suffirait.",
    "À Delle, la navette du marché est une vraie réussite, elle pourrait servir d'exemple.",
    "Les horaires du dimanche sont le vrai problème, surtout pour celles et ceux qui travaillent.",
    "Et le vélo électrique en location longue durée ? Certaines communes l'ont déjà testé.",
    "Bonne remarque ! Je n'y avais pas pensé.",
]
HIDDEN_REASON = "Message hors sujet : merci de rester dans le thème de la discussion."


def tree(count, rng):
    """``count`` comments of one thread in display order: (level, index of the parent or None),
    a root followed by its replies, each reply by its own replies."""
    rows = []
    while len(rows) < count:
        root = len(rows)
        rows.append((0, None))
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3, 4])):
            if len(rows) >= count:
                break
            reply = len(rows)
            rows.append((1, root))
            for _ in range(rng.choice([0, 0, 1, 2])):
                if len(rows) >= count:
                    break
                rows.append((2, reply))
    return rows


def tree_fields(rows, ids):
    """xtd's fields of each row (ids: the base rows' ids, same order): thread_id, parent_id,
    level, order and nested_count."""
    fields = []
    order = 0
    nested = [0] * len(rows)
    roots = [0] * len(rows)
    for i, (level, parent) in enumerate(rows):
        if parent is None:
            roots[i], order = i, 1
        else:
            roots[i] = roots[parent]
            order += 1
            ancestor = parent
            while ancestor is not None:
                nested[ancestor] += 1
                ancestor = rows[ancestor][1]
        fields.append(
            {
                "thread_id": ids[roots[i]],
                "parent_id": ids[parent] if parent is not None else ids[i],
                "level": level,
                "order": order,
            }
        )
    for i, row in enumerate(fields):
        row["nested_count"] = nested[i]
    return fields


def seed(comments, threads, seed_value=2025):
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import User
    from cms_pages.models import EnjeuPage
    from forums.models import Thread

    if Thread.objects.filter(title=BENCH_TITLE).exists():
        print("Seeded discussions already there.")
        return
    enjeu = EnjeuPage.objects.filter(slug=ENJEU_SLUG).first()
    if enjeu is None:
        print(f"No enjeu {ENJEU_SLUG!r}: no discussion seeded.")
        return
    rng = random.Random(seed_value)
    now = timezone.now().replace(microsecond=0)
    with transaction.atomic():
        users = list(User.objects.filter(username__startswith="banc").order_by("pk")[:USERS])
        if len(users) < USERS:
            users += User.objects.bulk_create(
                [
                    User(
                        username=f"banc-forum{n}",
                        email=f"banc-forum{n}@example.org",
                        display_name=f"Citoyen {n}",
                        password=make_password(None),  # unusable: they never log in
                    )
                    for n in range(USERS - len(users))
                ]
            )
        start = now - datetime.timedelta(days=90)
        big = new_thread(enjeu, BENCH_TITLE, users[0], start)
        # The long discussion over 60 days; the others each a few days within those 90.
        add_comments(big, comments, users, rng, start, datetime.timedelta(days=60))
        for n in range(threads):
            started = start + datetime.timedelta(minutes=rng.randrange(85 * 24 * 60))
            small = new_thread(enjeu, SMALL_TITLE.format(n=n), rng.choice(users), started)
            count = rng.choice([0, 1, 2, 3, 5, 8, 12])
            add_comments(small, count, users, rng, started, datetime.timedelta(days=4))
    print(f"Seeded a thread of {comments} comments and {threads} others in {enjeu.title}.")


def new_thread(enjeu, title, author, started):
    return thread_rows(
        [
            {
                "page": enjeu,
                "title": title,
                "body": "Partageons ici nos trajets, nos difficultés et nos idées pour se "
                "déplacer autrement.",
                "author": author,
                "created_at": started,
                "last_activity_at": started,
            }
        ]
    )[0]


def thread_rows(specs):
    """Threads bulk-inserted from ``specs`` (their fields), with the slug and HTML that
    ``Thread.save()`` would compute. Not saved one by one: each save would schedule a search
    refresh of the thread and then of every comment below it, row by row, minutes of work
    the bench's ``rebuild_search_index`` redoes in bulk once everything is seeded."""
    from django.utils.text import slugify

    from forums.formatting import render_message
    from forums.models import Thread

    return Thread.objects.bulk_create(
        [
            Thread(
                slug=slugify(spec["title"])[:80] or "discussion",
                body_html=render_message(spec["body"]),
                **spec,
            )
            for spec in specs
        ]
    )


def add_comments(thread, count, users, rng, start, span, write=None):
    """``count`` comments in ``thread``, dated over ``span`` after ``start``, bulk-inserted.
    ``write(rng)`` gives each comment's text (default: one of TEXTS)."""
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.sites.models import Site
    from django_comments.models import Comment as BaseComment
    from django_comments.models import CommentFlag
    from django_comments_xtd.models import LIKEDIT_FLAG, XtdComment

    from forums.formatting import render_message
    from forums.models import Comment, Thread, ThreadFollow

    if not count:
        return
    content_type = ContentType.objects.get_for_model(Thread)
    site_id = Site.objects.get_current().pk
    write = write or (lambda rng: rng.choice(TEXTS))
    rows = tree(count, rng)
    step = span / count
    specs = [
        {
            "user": rng.choice(users),
            "text": write(rng),
            "date": start + step * (i + 1),
            "hidden": i % HIDDEN_EVERY == HIDDEN_EVERY - 1,
            "deleted": i % DELETED_EVERY == DELETED_EVERY - 1,
        }
        for i in range(count)
    ]
    ids = []
    for first in range(0, count, BATCH):
        batch = specs[first : first + BATCH]
        ids += [
            c.pk
            for c in BaseComment.objects.bulk_create(
                [
                    BaseComment(
                        content_type=content_type,
                        object_pk=str(thread.pk),
                        site_id=site_id,
                        user=s["user"],
                        user_name=s["user"].display_name[:50],
                        comment=s["text"],
                        submit_date=s["date"],
                    )
                    for s in batch
                ]
            )
        ]
    fields = tree_fields(rows, ids)
    rendered = {text: render_message(text) for text in {s["text"] for s in specs}}
    for first in range(0, count, BATCH):
        chunk = range(first, min(first + BATCH, count))
        # bulk_create refuses multi-table models: insert each child table's own columns, as
        # bulk_create does for each table.
        XtdComment._base_manager._insert(
            [XtdComment(comment_ptr_id=ids[i], followup=True, **fields[i]) for i in chunk],
            fields=XtdComment._meta.local_concrete_fields,
        )
        Comment._base_manager._insert(
            [
                Comment(
                    xtdcomment_ptr_id=ids[i],
                    forum_thread_id=thread.pk,
                    body_html=rendered[specs[i]["text"]],
                    status=(
                        Comment.Status.HIDDEN if specs[i]["hidden"] else Comment.Status.PUBLISHED
                    ),
                    hidden_reason=HIDDEN_REASON if specs[i]["hidden"] else "",
                    deleted_at=specs[i]["date"] if specs[i]["deleted"] else None,
                )
                for i in chunk
            ],
            fields=Comment._meta.local_concrete_fields,
        )
    flags = []
    for i, comment_id in enumerate(ids):
        if rng.random() < LIKED_SHARE and not specs[i]["hidden"]:
            for user in rng.sample(users, rng.randint(1, 3)):
                if user.pk != specs[i]["user"].pk:
                    flags.append(
                        CommentFlag(
                            user=user,
                            comment_id=comment_id,
                            flag=LIKEDIT_FLAG,
                            flag_date=specs[i]["date"],
                        )
                    )
    CommentFlag.objects.bulk_create(flags, batch_size=BATCH)
    authors = {s["user"].pk for s in specs} | {thread.author_id}
    ThreadFollow.objects.bulk_create(
        [ThreadFollow(thread=thread, user_id=pk) for pk in authors], ignore_conflicts=True
    )
    Thread.objects.filter(pk=thread.pk).update(last_activity_at=specs[-1]["date"])


def urls():
    """The paths of the long thread's first page and of its enjeu's forum."""
    from django.urls import reverse

    from forums.models import Thread

    thread = Thread.objects.select_related("page").get(title=BENCH_TITLE)
    return {
        "thread": thread.get_absolute_url(),
        "forum": reverse("forums:enjeu-forum", kwargs={"enjeu_slug": thread.page.slug}),
    }


def main():
    import django

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=5000, help="comments of the long thread")
    parser.add_argument("--threads", type=int, default=300, help="other threads in its forum")
    parser.add_argument("--urls", action="store_true", help="print the measured paths (JSON)")
    args = parser.parse_args()
    django.setup()
    if args.urls:
        print(json.dumps(urls()))
    else:
        seed(args.comments, args.threads)


if __name__ == "__main__":
    main()
