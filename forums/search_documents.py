"""Forum threads and comments in the site search.

A thread is searchable while anyone may read it (``forums.visibility.public_threads``): not
members-only, in a page its owner shows to everyone (a published enjeu or initiative). A comment
is searchable while it is shown to every reader of such a thread (``public_comments``): held,
flagged, hidden and deleted comments never are. Both are placed in the thread's territory and in
the places its page's owner gives (``places``: an enjeu itself; an initiative's territories and
enjeux)."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from search.registry import Document, Source, register, register_dependants
from search.text import rich_text

from .models import Comment, Thread
from .owners import owner_of, owners
from .visibility import public_comments, public_threads


def _prefetched_as(kind):
    return f"_search_page_{kind}"


def thread_places(thread):
    """``(territories, enjeux)``: page ids of the thread's territory and of the places its
    page's owner gives."""
    territories = {thread.territory_id} - {None}
    owner = owner_of(thread.page)
    if owner is None or "places" not in owner:
        return territories, set()
    page = getattr(thread, _prefetched_as(owner["kind"]), None) or thread.forum_page
    page_territories, enjeux = owner["places"](page)
    return territories | set(page_territories), set(enjeux)


def thread_document(thread):
    territories, enjeux = thread_places(thread)
    return Document(
        kind="thread",
        title=thread.title,
        url=thread.get_absolute_url(),
        # The rendered message as words: no Markdown marks (« **d'où vous partez** ») in an
        # excerpt.
        text=rich_text(thread.body_html),
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
        text=rich_text(comment.body_html),
        territories=territories,
        enjeux=enjeux,
        date=comment.submit_date,
    )


def thread_comments(thread):
    """A comment carries its thread's title, URL, places and visibility."""
    return [(Comment, thread.comments.all())]


def page_prefetches(prefix=""):
    """Each owner's pages, as their own type with what their ``places`` read, loaded once per
    batch beside the threads (``prefix``: the path to the thread)."""
    prefetches = []
    for kind, owner in owners().items():
        if "places" not in owner:
            continue
        pages = owner["model"].objects.all()
        if "prefetch" in owner:
            pages = owner["prefetch"](pages)
        prefetches.append(Prefetch(f"{prefix}page", queryset=pages, to_attr=_prefetched_as(kind)))
    return prefetches


def thread_batch(queryset):
    return queryset.select_related("page").defer("body").prefetch_related(*page_prefetches())


def comment_batch(queryset):
    return (
        queryset.select_related("forum_thread__page")
        .defer("comment", "forum_thread__body", "forum_thread__body_html")
        .prefetch_related(*page_prefetches("forum_thread__"))
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


def page_threads(page):
    """The threads of a page's forum: they leave the search when their page does, and carry
    its slug in their URL and its places (the page, an enjeu or an initiative, names no
    forum: forums declares it)."""
    if owner_of(page) is None:
        return []
    return [(Thread, Thread.objects.filter(page=page))]


register_dependants("wagtailcore.Page", page_threads)
