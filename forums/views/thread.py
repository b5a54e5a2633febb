"""The page of one thread: its opening message, then its comments as a tree, paginated on the
top-level comments (``forums.tree``), and the form to take part.

A thread is found by its id; the rest of its URL (its page's part, as the enjeu's slug or the
initiative's id, and the thread's slug) only has to be right: any other spelling answers a
permanent redirect to the canonical URL, once the reader is known to be allowed to read it (so
a redirect never reveals the title of a members-only thread). A thread the user may not read
answers 404."""

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from cms_pages.page_cache.versions import depends_on

from .. import tree
from ..forms import CommentForm
from ..models import Comment, Thread, ThreadFollow
from ..owners import forum_url as page_forum_url
from ..page_cache import thread_key
from ..ratelimit import comments as comment_rate

THREAD_RELATIONS = ("page", "author", "territory")


def forum_page_shown(user, thread):
    """The thread's forum page is shown to ``user``, as its owner says (an enjeu: published;
    an initiative: visible to the user, so its members talk before it is published)."""
    owner = thread.owner
    return owner is not None and bool(owner["can_read"](user, thread.forum_page))


def check_readable(request, thread):
    """404 unless the thread's forum page is shown to the user and the user may read the
    thread."""
    if not forum_page_shown(request.user, thread):
        raise Http404
    if not request.user.has_perm("forums.view_thread", thread):
        raise Http404
    return thread


def readable_thread(request, thread_id):
    thread = get_object_or_404(Thread.objects.select_related(*THREAD_RELATIONS), pk=thread_id)
    return check_readable(request, thread)


def readable_comment(request, comment_id):
    """A comment with its thread (and the thread's forum page), if the user may read the
    thread; whether the comment itself is shown to them is up to the caller."""
    comment = get_object_or_404(
        Comment.objects.select_related(*(f"forum_thread__{name}" for name in THREAD_RELATIONS)),
        pk=comment_id,
    )
    check_readable(request, comment.forum_thread)
    return comment


def forum_url(thread):
    return page_forum_url(thread.page)


def forum_page_url(request, thread):
    """The public page of the thread's page ("" if it is not published)."""
    page = thread.forum_page
    if not page.live:
        return ""
    return page.get_url(request=request) or ""


def viewer_state(request, thread):
    """What the viewer may do in this thread: ``moderates``, ``can_post``."""
    user = request.user
    if not user.is_authenticated:
        return False, False
    return (
        user.has_perm("forums.moderate_thread", thread),
        user.has_perm("forums.post_comment", thread),
    )


def thread_context(request, thread, *, comment_form=None, status=None):
    """Context of ``forums/thread.html`` (see the template), with ``comment_form`` given when
    a posted form comes back with its errors."""
    user = request.user
    moderates, can_post = viewer_state(request, thread)
    page_obj, nodes = tree.thread_page(thread, user, moderates, request.GET.get("page"))
    tree.set_permissions(nodes, user, thread, can_post)
    follows = False
    rate_limited = False
    if user.is_authenticated:
        follows = ThreadFollow.objects.filter(thread=thread, user=user).exists()
        rate_limited = can_post and comment_rate.exhausted(user)
    if can_post and comment_form is None:
        comment_form = CommentForm(thread, user=user)
    return {
        "thread": thread,
        "forum_page": thread.forum_page,
        "forum_kind": thread.forum_kind,
        "forum_url": forum_url(thread),
        "forum_page_url": forum_page_url(request, thread),
        "moderates": moderates,
        "can_post": can_post,
        "follows": follows,
        "comment_form": comment_form if can_post else None,
        "rate_limited": rate_limited,
        "page_obj": page_obj,
        "nodes": nodes,
        "reply_count": tree.published_count(thread),
        # Where the moderation forms lead back to (not a POST-only URL answering errors).
        "next_url": request.get_full_path()
        if request.method == "GET"
        else thread.get_absolute_url(),
    }


def show_thread(request, thread_id):
    depends_on(request, thread_key(thread_id))
    thread = readable_thread(request, thread_id)
    canonical = thread.get_absolute_url()
    if request.path != canonical:
        query = request.GET.urlencode()
        return HttpResponsePermanentRedirect(canonical + (f"?{query}" if query else ""))
    return render(request, "forums/thread.html", thread_context(request, thread))


@require_GET
def thread_page(request, kind, thread_id, slug, **route):
    return show_thread(request, thread_id)
