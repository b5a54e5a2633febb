"""Forum threads and comments in the site search.

A thread is searchable while anyone may read it (``forums.visibility.public_threads``): not
members-only, in a published enjeu or initiative. A comment is searchable while it is shown to
every reader of such a thread (``public_comments``): held, flagged, hidden and deleted comments
never are. Both are placed in the thread's territory and in its enjeu, or in the territories
and enjeux of its initiative."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from search.registry import Document, Source, register

from .models import Comment, Thread
from .visibility import public_comments, public_threads


def thread_places(thread):
    """``(territories, enjeux)``: page ids of the thread's territory and enjeu, or of its
    initiative's."""
    territories = {thread.territory_id} - {None}
    if thread.initiative_id:
        territories |= {territory.pk for territory in thread.initiative.territories.all()}
        return territories, {enjeu.pk for enjeu in thread.initiative.enjeux.all()}
    return territories, {thread.enjeu_id}


def thread_document(thread):
    territories, enjeux = thread_places(thread)
    return Document(
        kind="thread",
        title=thread.title,
        url=thread.get_absolute_url(),
        text=thread.body,
        territories=territories,
        enjeux=enjeux,
        date=thread.last_activity_at,
    )


def comment_document(comment):
    thread = comment.forum_thread
    territories, enjeux = thread_places(thread)
    return Document(
        kind="comment",
        title=thread.title,
        url=comment.get_absolute_url(),
        text=comment.comment,
        territories=territories,
        enjeux=enjeux,
        date=comment.submit_date,
    )


def thread_comments(thread):
    """A comment carries its thread's title, URL, places and visibility."""
    return [(Comment, thread.comments.all())]


# The long columns of a thread's forum page, which its documents never read.
FORUM_PAGE_TEXT = ("enjeu__body", "initiative__description", "initiative__needs")


def thread_batch(queryset):
    return (
        queryset.select_related("enjeu", "initiative")
        .defer("body_html", *FORUM_PAGE_TEXT)
        .prefetch_related("initiative__territories", "initiative__enjeux")
    )


def comment_batch(queryset):
    return (
        queryset.select_related("forum_thread__enjeu", "forum_thread__initiative")
        .defer(
            "body_html",
            "forum_thread__body",
            "forum_thread__body_html",
            *(f"forum_thread__{name}" for name in FORUM_PAGE_TEXT),
        )
        .prefetch_related(
            "forum_thread__initiative__territories", "forum_thread__initiative__enjeux"
        )
    )


register(
    Source(
        model=Thread,
        kinds={"thread": _("Discussion")},
        public=public_threads,
        document=thread_document,
        batch=thread_batch,
        dependants=thread_comments,
    )
)
register(
    Source(
        model=Comment,
        kinds={"comment": pgettext_lazy("search result type", "Comment")},
        public=public_comments,
        document=comment_document,
        batch=comment_batch,
    )
)
