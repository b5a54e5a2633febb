"""Helpers of the threads, comments and pages tests: URLs, posting through the views (with a
signed form), and big threads built with bulk inserts."""

import time

from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_comments.models import Comment as BaseComment
from django_comments.models import CommentFlag
from django_comments_xtd.models import LIKEDIT_FLAG, XtdComment

from cms_pages.page_cache import versions
from forums import page_cache
from forums.forms import CommentForm
from forums.models import Comment, Thread

from .core_helpers import old_account


def thread_url(thread, page=None):
    url = thread.get_absolute_url()
    return f"{url}?page={page}" if page else url


def post_url(thread):
    return reverse("forums:comment-post", args=[thread.pk])


def signed_data(thread, text="Un message.", reply_to=None, timestamp=None, **extra):
    """What the comment form sends: its signature over the thread (timestamp + hash)."""
    form = CommentForm(thread)
    data = {name: str(value) for name, value in form.generate_security_data().items()}
    if timestamp is not None:
        data["timestamp"] = str(timestamp)
        data["security_hash"] = form.initial_security_hash(timestamp)
    data.update({"comment": text, "honeypot": "", "reply_to": reply_to or ""})
    data.update(extra)
    return data


def expired_timestamp(seconds_ago=25 * 3600):
    return int(time.time()) - seconds_ago


def post(
    client,
    thread,
    text="Un message.",
    reply_to=None,
    htmx=False,
    timestamp=None,
    fields=None,
    **request,
):
    """Post the comment form of ``thread`` (``fields``: more form fields, e.g. the honeypot;
    ``request``: what the test client takes, e.g. ``follow=True``, ``REMOTE_ADDR``)."""
    headers = {"HX-Request": "true"} if htmx else {}
    data = signed_data(thread, text, reply_to=reply_to, timestamp=timestamp, **(fields or {}))
    return client.post(post_url(thread), data, headers=headers, **request)


def like(comment, user):
    return CommentFlag.objects.create(
        comment_id=comment.pk, user=user, flag=LIKEDIT_FLAG, flag_date=timezone.now()
    )


def hide(comment, reason="Propos hors sujet.", status=Comment.Status.HIDDEN):
    comment.status = status
    comment.hidden_reason = reason
    comment.save(update_fields=["status", "hidden_reason"])
    return comment


def delete(comment):
    Comment.objects.filter(pk=comment.pk).update(deleted_at=timezone.now())
    comment.refresh_from_db()
    return comment


def unpublish(page):
    page.unpublish()
    return page


def authors(count):
    return [old_account() for _ in range(count)]


def bulk_comments(thread, roots, replies=(), author=None, text="Message numéro {n}."):
    """Insert ``roots`` top-level comments in ``thread`` with bulk inserts, each with the reply
    tree ``replies`` (a list of levels: e.g. ``(1, 2, 1, 2)`` = a reply, its own reply, another
    reply, its reply), with django-comments-xtd's tree fields set as its save() would set them
    (``thread_id``, ``parent_id``, ``level``, ``order``). Returns the number of comments.

    The three tables of the comment model (django-comments' row, xtd's, the project's) are
    filled in one statement each, so that a 5,000-comment thread takes a moment."""
    author = author or old_account()
    content_type = ContentType.objects.get_for_model(Thread)
    site_id = Site.objects.get_current().pk
    start = timezone.now() - timezone.timedelta(days=30)
    shape = [(0, None), *[(level, None) for level in replies]]
    bases = []
    for root in range(roots):
        for position, (_level, _none) in enumerate(shape):
            n = root * len(shape) + position
            bases.append(
                BaseComment(
                    content_type=content_type,
                    object_pk=str(thread.pk),
                    site_id=site_id,
                    user=author,
                    user_name=str(author.public_name),
                    comment=text.format(n=n),
                    submit_date=start + timezone.timedelta(seconds=n),
                    is_public=True,
                    is_removed=False,
                )
            )
    BaseComment.objects.bulk_create(bases, batch_size=500)
    xtd_rows = []
    forum_rows = []
    for root in range(roots):
        rows = bases[root * len(shape) : (root + 1) * len(shape)]
        root_pk = rows[0].pk
        parents = {0: root_pk}
        for order, ((level, _none), base) in enumerate(zip(shape, rows, strict=True), start=1):
            parent = base.pk if level == 0 else parents[level - 1]
            parents[level] = base.pk
            xtd_rows.append((base.pk, root_pk, parent, level, order, False, 0))
            forum_rows.append(
                (base.pk, thread.pk, f"<p>{base.comment}</p>", Comment.Status.PUBLISHED, "")
            )
    _insert(
        XtdComment,
        ["comment_ptr_id", "thread_id", "parent_id", "level", "order", "followup", "nested_count"],
        xtd_rows,
    )
    _insert(
        Comment,
        ["xtdcomment_ptr_id", "forum_thread_id", "body_html", "status", "hidden_reason"],
        forum_rows,
    )
    # Rows inserted without the models' signals: make what shows the thread stale, as
    # saving a comment does.
    versions.bump(*page_cache.cache_keys(thread))
    return len(bases)


def _insert(model, columns, rows):
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(column) for column in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 500):
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({marks})",  # noqa: S608 (our names)
                rows[start : start + 500],
            )
