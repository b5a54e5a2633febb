"""The comments of a thread page, as a tree, in a bounded number of queries.

A thread page is paginated on its top-level comments (oldest first). Three queries read a page,
whatever the size of the thread: the number of top-level comments shown (counting reads the
whole thread: the count is kept in the fragment cache until the thread changes), the ids of
this page's ones, then every comment of their reply trees in one query (django-comments-xtd's
``thread_id`` is the id of a tree's root), with the likes counted and the viewer's own like
read in the same query. The tree is built in Python from xtd's ordering (``thread_id``, ``order``).

What a viewer sees comes from ``forums.visibility.shown_comments``: a comment they may not read
(deleted, or held or hidden for others) appears as a placeholder ("message supprimé", "message
masqué par la modération") only where it has replies they can read; otherwise it is left out.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django_comments.models import CommentFlag
from django_comments_xtd.models import LIKEDIT_FLAG

from cms_pages import fragments

from .models import Comment
from .page_cache import thread_key
from .visibility import shown_comments, shown_condition

# Columns a thread page never reads (the raw text is read by the edit form only).
UNUSED_COLUMNS = ("comment", "user_email", "user_url", "ip_address")

DELETED = "deleted"
HIDDEN = "hidden"


@dataclass
class Node:
    """One comment of the tree as the viewer sees it (see the module's docstring)."""

    id: int
    level: int
    comment: Comment | None
    placeholder: str = ""
    children: list = field(default_factory=list)
    like_count: int = 0
    liked: bool = False
    can_reply: bool = False
    can_edit: bool = False
    can_delete: bool = False
    can_react: bool = False
    can_hide: bool = False
    can_restore: bool = False


def likes(user):
    """Annotations: how many likes each comment has, and whether ``user`` likes it."""
    counted = (
        CommentFlag.objects.filter(comment_id=OuterRef("pk"), flag=LIKEDIT_FLAG)
        .order_by()
        .values("comment_id")
        .annotate(total=Count("pk"))
        .values("total")
    )
    annotations = {"like_count": Coalesce(Subquery(counted, output_field=IntegerField()), 0)}
    if user.is_authenticated:
        annotations["liked"] = Exists(
            CommentFlag.objects.filter(comment_id=OuterRef("pk"), flag=LIKEDIT_FLAG, user=user)
        )
    else:
        annotations["liked"] = Value(False, output_field=BooleanField())
    return annotations


def shown_roots(user, thread, moderates):
    """Top-level comments on the viewer's pages: those shown, and placeholders over replies
    that are shown. Oldest first."""
    shown_reply = shown_comments(user, thread, moderates).filter(
        thread_id=OuterRef("pk"), level__gt=0
    )
    # The root's own condition first, on its row: the subquery runs for the few roots that
    # are not shown themselves, not over the whole thread.
    return (
        Comment.objects.filter(forum_thread=thread, level=0)
        .filter(shown_condition(user, moderates) | Exists(shown_reply))
        .order_by("pk")
    )


def comments_per_page():
    return settings.FORUM_COMMENTS_PER_PAGE


def page_of_comment(comment, user, thread, moderates):
    """The number of the page that shows ``comment`` (its tree's root)."""
    before = shown_roots(user, thread, moderates).filter(pk__lt=comment.thread_id).count()
    return before // comments_per_page() + 1


def comment_url(comment, user, thread, moderates=False):
    """The thread's URL at the page and anchor of ``comment``."""
    page = page_of_comment(comment, user, thread, moderates)
    query = f"?page={page}" if page > 1 else ""
    return f"{thread.get_absolute_url()}{query}#c{comment.pk}"


def sees_own_unpublished(user, thread):
    """Whether ``user`` has comments in ``thread`` that only they see (held or hidden)."""
    return (
        Comment.objects.filter(forum_thread=thread, user=user, deleted_at__isnull=True)
        .exclude(status=Comment.Status.PUBLISHED)
        .exists()
    )


def root_count(user, thread, moderates):
    """How many top-level comments the viewer's pages show. Counting them reads the whole
    thread, so the count is kept until the thread changes (``thread:<id>``) for the two
    audiences that see the same comments: the moderators, and every reader who has no
    comment only they see (a reader who has one gets their own count)."""
    roots = shown_roots(user, thread, moderates)
    if moderates:
        audience = "moderators"
    elif not user.is_authenticated or not sees_own_unpublished(user, thread):
        audience = "readers"
    else:
        return roots.count()
    return fragments.cached(
        "thread-roots", [thread_key(thread.pk)], roots.count, vary=[thread.pk, audience]
    )


def published_count(thread):
    """The thread's published comments (its « n replies »), kept until it changes."""
    return fragments.cached(
        "thread-replies",
        [thread_key(thread.pk)],
        Comment.objects.published().filter(forum_thread=thread).count,
        vary=[thread.pk],
    )


def thread_page(thread, user, moderates, page_number):
    """``(page_obj, nodes)``: the page of top-level comments and their trees."""
    paginator = fragments.CountedPaginator(
        shown_roots(user, thread, moderates).values_list("pk", flat=True),
        comments_per_page(),
        root_count(user, thread, moderates),
    )
    page_obj = paginator.get_page(page_number)
    root_ids = list(page_obj.object_list)
    if not root_ids:
        return page_obj, []
    is_shown = ExpressionWrapper(shown_condition(user, moderates), output_field=BooleanField())
    rows = (
        Comment.objects.filter(forum_thread=thread, thread_id__in=root_ids)
        .select_related("user")
        .defer(*UNUSED_COLUMNS)
        .annotate(is_shown=is_shown, **likes(user))
        .order_by("thread_id", "order")
    )
    return page_obj, build_tree(rows, thread)


def build_tree(rows, thread):
    """Nodes of ``rows`` (ordered by ``thread_id``, ``order``, annotated with ``is_shown``,
    ``like_count`` and ``liked``), placeholders kept only above shown replies."""
    by_id = {}
    roots = []
    for row in rows:
        row.forum_thread = thread  # the permissions read it: no query per comment
        node = Node(
            id=row.pk,
            level=row.level,
            comment=row,
            like_count=row.like_count,
            liked=bool(row.liked),
        )
        by_id[row.pk] = node
        if row.level == 0:
            roots.append(node)
        else:
            parent = by_id.get(row.parent_id)
            if parent is not None:
                parent.children.append(node)
    return [node for node in roots if _keep(node)]


def _keep(node):
    """Whether ``node`` is kept (shown, or a placeholder over kept replies), pruning below."""
    node.children = [child for child in node.children if _keep(child)]
    comment = node.comment
    if comment.is_shown:
        return True
    if not node.children:
        return False
    node.placeholder = DELETED if comment.deleted_at is not None else HIDDEN
    node.comment = None
    node.like_count = 0
    node.liked = False
    return True


def node_for(comment, thread):
    """A node for one comment just posted (shown to its author, no like yet)."""
    comment.forum_thread = thread
    return Node(id=comment.pk, level=comment.level, comment=comment)


# Node attribute → the comment permission it holds.
COMMENT_PERMISSIONS = {
    "can_edit": "change_comment",
    "can_delete": "delete_comment",
    "can_react": "react_to_comment",
    "can_hide": "hide_comment",
    "can_restore": "restore_comment",
}


def set_permissions(nodes, user, thread, can_post):
    """What the viewer may do with each shown comment (``rules`` permissions, answered from
    objects already in memory: the thread and the viewer's memberships and groups)."""
    if not user.is_authenticated:
        return nodes
    max_level = settings.COMMENTS_XTD_MAX_THREAD_LEVEL
    # On one page of one thread, the comment rules (forums.rules) read of a comment only
    # whose it is, whether it is deleted, its status and who hid it: comments alike in these
    # share their answers, asked once (a page holds tens of comments, five rules each).
    answers = {}
    stack = list(nodes)
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        comment = node.comment
        if comment is None:
            continue
        node.can_reply = can_post and comment.is_visible and comment.level < max_level
        kind = (
            comment.user_id == user.pk,
            comment.deleted_at is not None,
            comment.status,
            comment.hidden_by_role,
        )
        if kind not in answers:
            answers[kind] = {
                name: user.has_perm(f"forums.{perm}", comment)
                for name, perm in COMMENT_PERMISSIONS.items()
            }
        for name, allowed in answers[kind].items():
            setattr(node, name, allowed)
    return nodes
