"""The per-account limit on messages in the forums (``accounts.ratelimit``): the account's
comments and replies, and the threads it opened, in the window; and the detection of a message
sent twice."""

from accounts.ratelimit import AccountRateLimit, duplicate_window_start, recent_duplicate

from .models import Comment, Thread


def count_messages(user, since):
    """Comments (deleted ones too: deleting does not give the allowance back) and threads, in
    one query."""
    comments = Comment.objects.filter(user=user, submit_date__gt=since).order_by().values("pk")
    threads = Thread.objects.filter(author=user, created_at__gt=since).order_by().values("pk")
    return comments.union(threads, all=True).count()


comments = AccountRateLimit("COMMENTS_RATE_LIMIT", count=count_messages)


def duplicate_comment(user, thread, parent, text):
    """The same comment, at the same place (the thread's top level, or under ``parent``), sent
    by ``user`` a moment ago, or None."""
    recent = Comment.objects.filter(
        user=user,
        forum_thread=thread,
        deleted_at__isnull=True,
        submit_date__gt=duplicate_window_start(),
    ).order_by("-submit_date", "-pk")
    if parent is None:
        recent = recent.filter(level=0)
    else:
        recent = recent.filter(parent_id=parent.pk).exclude(pk=parent.pk)
    return recent_duplicate(user, recent, lambda row: (row.comment,), (text,))


def duplicate_thread(user, page, title, body):
    """The same thread (title and opening message) opened by ``user`` in the forum of ``page``
    a moment ago, or None."""
    recent = Thread.objects.filter(
        author=user, page=page, created_at__gt=duplicate_window_start()
    ).order_by("-created_at", "-pk")
    return recent_duplicate(user, recent, lambda row: (row.title, row.body), (title, body))
