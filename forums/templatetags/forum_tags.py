"""Template helpers of the forums: a message's HTML, initials for the avatar, the threads
that a page with a forum (an enjeu, an initiative…) shows, and a thread page's comments."""

import hashlib
import html as html_lib

from django import template
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Window
from django.utils.crypto import salted_hmac
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from cms_pages import fragments
from forums.models import Thread
from forums.owners import forum_url
from forums.page_cache import thread_key
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


COMMENT_LIST_TEMPLATE = "forums/includes/comment_list.html"


def csrf_placeholder():
    """Stands for the request's CSRF token in a kept comment list. Derived from SECRET_KEY:
    the same in every process sharing the cache, and nothing a comment could hold (its text
    would otherwise show each reader their own token)."""
    return "csrf-" + salted_hmac("forums.comment-list", "csrf-placeholder").hexdigest()[:32]


# Set by the views that answer a moderation form with its errors: the list is then the
# viewer's own.
OWN_CONTEXT = ("hide_form", "moderation_message")


def _node_states(nodes, user_id):
    """Everything of ``nodes`` (and their replies) that differs from a viewer to another:
    what they may do, what they like, which comments are theirs."""
    stack = list(nodes)
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        comment = node.comment
        yield (
            node.id,
            node.level,
            node.placeholder,
            comment.status if comment else "",
            bool(comment and user_id and comment.user_id == user_id),
            node.liked,
            node.can_reply,
            node.can_edit,
            node.can_delete,
            node.can_react,
            node.can_hide,
            node.can_restore,
        )


def _viewer_state(context):
    """A digest of what the comment list shows differently to this viewer: everyone with the
    same one sees the same list."""
    user = context.get("user")
    user_id = user.pk if user is not None and user.is_authenticated else None
    state = (
        user_id is not None,
        bool(context.get("moderates")),
        context.get("next_url") or "",
        tuple(_node_states(context.get("nodes") or (), user_id)),
    )
    return hashlib.sha256(repr(state).encode()).hexdigest()


@register.simple_tag(takes_context=True)
def thread_comments(context):
    """The comments of a thread page (``forums/includes/comment_list.html``).

    Rendering a page of a long thread (tens of comments and replies) is most of its cost, and
    most readers see it alike: the list is kept until the thread changes (``thread:<id>``)
    for everyone whose permissions, likes and own comments on that page are the same
    (``_viewer_state``). Its forms carry a placeholder where the CSRF token goes, replaced by
    this request's token."""
    template = context.template.engine.get_template(COMMENT_LIST_TEMPLATE)
    thread = context["thread"]

    def render():
        with context.push(csrf_token=csrf_placeholder()):
            return template.render(context)

    if any(context.get(name) for name in OWN_CONTEXT):
        html = template.render(context)
    else:
        html = fragments.cached(
            "thread-comments",
            [thread_key(thread.pk)],
            render,
            vary=[thread.pk, _viewer_state(context)],
            request=context.get("request"),
        )
        placeholder = csrf_placeholder()
        if placeholder in html:
            html = html.replace(placeholder, str(context.get("csrf_token") or ""))
    return mark_safe(html)  # noqa: S308 - the template's own rendering, escaped by it
