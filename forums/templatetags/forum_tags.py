"""Template helpers of the forums: a message's HTML, initials for the avatar, and the threads
that a page with a forum (an enjeu, an initiative…) shows."""

import html as html_lib

from django import template
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Window
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from forums.models import Thread
from forums.owners import forum_url
from forums.rules import is_page_member
from forums.visibility import not_held, readable_threads

register = template.Library()

# An enjeu page shows its latest threads; an initiative page a few more.
ENJEU_PAGE_THREADS = 3
INITIATIVE_PAGE_THREADS = 5


@register.filter
def message(html):
    """A message's stored HTML, already sanitised by ``forums.formatting.render_message``."""
    return mark_safe(html or "")  # noqa: S308 (nh3 cleaned it before it was stored)


@register.filter
def excerpt(html, length=160):
    """The plain text of a message's HTML, shortened (escaped again by the template)."""
    text = " ".join(html_lib.unescape(strip_tags(html or "")).split())
    return Truncator(text).chars(int(length))


@register.filter
def initials(name):
    """Up to two initials of a display name, for the avatar."""
    words = [word for word in str(name or "").replace("-", " ").split() if word[:1].isalnum()]
    letters = "".join(word[0] for word in words[:2]).upper()
    return letters or "?"


def _latest(threads, page, limit):
    # Pinned threads first, as on the forum page (``ThreadQuerySet.by_activity``).
    rows = list(threads.as_cards().annotate(total=Window(Count("pk"))).by_activity()[:limit])
    for thread in rows:
        thread.forum_page = page
    return rows


def page_threads(user, page, limit):
    """``{"threads", "count", "forum_url", "new_thread_url", "can_start"}``: the latest
    threads of ``page`` that ``user`` may read (members-only ones for its members and the
    moderators only) and their number, in one query."""
    if page.pk is None:
        return {"threads": [], "count": 0}
    threads = Thread.objects.filter(page=page)
    if not is_page_member(user, page):  # members read every thread (membership is cached)
        threads = readable_threads(user, threads)
    else:
        threads = not_held(user, threads)
    threads = _latest(threads, page, limit)
    return {
        "threads": threads,
        "count": threads[0].total if threads else 0,
        "forum_url": forum_url(page),
        "new_thread_url": forum_url(page, "new-thread"),
        "can_start": user.is_authenticated and user.has_perm("forums.start_thread", page),
    }


@register.simple_tag(takes_context=True)
def enjeu_latest_threads(context, enjeu):
    """The latest threads of an enjeu (an enjeu's threads are public)."""
    return page_threads(_viewer(context), enjeu, ENJEU_PAGE_THREADS)


@register.simple_tag(takes_context=True)
def initiative_threads(context, initiative):
    """The latest threads of an initiative that the viewer may read."""
    return page_threads(_viewer(context), initiative, INITIATIVE_PAGE_THREADS)


def _viewer(context):
    request = context.get("request")
    return getattr(request, "user", None) or AnonymousUser()
