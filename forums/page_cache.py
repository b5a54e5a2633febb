"""Which cached pages show a discussion (``cms_pages.page_cache``).

A thread is shown on its own pages (``thread:<id>``) and in the forum of its page, whose
latest threads an enjeu's or an initiative's page shows too (``forum:<page id>``). A comment,
its like or its moderation changes its thread, and the forum's counts and latest activity.
"""

from django_comments.models import CommentFlag

from .models import Comment, Thread


def thread_key(pk):
    return f"thread:{pk}"


def forum_key(page_id):
    return f"forum:{page_id}"


def cache_keys(instance):
    if isinstance(instance, CommentFlag):
        instance = Comment.objects.filter(pk=instance.comment_id).first()
    if isinstance(instance, Comment):
        thread = Thread.objects.filter(pk=instance.forum_thread_id).first()
        return {thread_key(thread.pk), forum_key(thread.page_id)} if thread else ()
    if isinstance(instance, Thread):
        return {thread_key(instance.pk), forum_key(instance.page_id)}
    return ()
