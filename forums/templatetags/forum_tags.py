"""Template helpers of the forums: a message's HTML, initials for the avatar, and the threads
that the enjeu and initiative pages show."""

import html as html_lib

from django import template
from django.db.models import Count, Window
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from forums.models import Thread
from forums.visibility import readable_threads
from initiatives.rules import is_member

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


def _latest(threads, field, page, limit):
    rows = list(
        threads.as_cards()
        .annotate(total=Window(Count("pk")))
        .order_by("-last_activity_at", "-pk")[:limit]
    )
    for thread in rows:
        setattr(thread, field, page)
    return rows


@register.simple_tag
def enjeu_latest_threads(enjeu):
    """``{"threads", "count", "forum_url", "new_thread_url"}``: the latest threads of an enjeu
    (an enjeu's threads are public), in one query."""
    if enjeu.pk is None:
        return {"threads": [], "count": 0}
    threads = _latest(
        Thread.objects.public().filter(enjeu=enjeu), "enjeu", enjeu, ENJEU_PAGE_THREADS
    )
    return {
        "threads": threads,
        "count": threads[0].total if threads else 0,
        "forum_url": reverse("forums:enjeu-forum", args=[enjeu.slug]),
        "new_thread_url": reverse("forums:enjeu-new-thread", args=[enjeu.slug]),
    }


@register.simple_tag(takes_context=True)
def initiative_threads(context, initiative):
    """The latest threads of an initiative that the viewer may read (members-only ones for its
    members and the moderators only), their number, in one query."""
    if initiative.pk is None:
        return {"threads": [], "count": 0}
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    threads = Thread.objects.filter(initiative=initiative)
    if not is_member(user, initiative):  # members read every thread (membership is cached)
        threads = readable_threads(user, threads)
    threads = _latest(
        threads,
        "initiative",
        initiative,
        INITIATIVE_PAGE_THREADS,
    )
    return {
        "threads": threads,
        "count": threads[0].total if threads else 0,
        "forum_url": reverse("forums:initiative-forum", args=[initiative.pk]),
        "new_thread_url": reverse("forums:initiative-new-thread", args=[initiative.pk]),
        "can_start": user.is_authenticated
        and user.has_perm("forums.add_thread_in_initiative", initiative),
    }
