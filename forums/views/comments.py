"""Taking part in a thread: post a comment or a reply, edit or delete one's own, like.

Every form works as a plain POST (then a redirect to the comment, ``…?page=N#c<id>``) and is
enhanced by htmx: posting or replying swaps the new comment into the page, a like swaps its
button. Bad input answers 400 with the typed text kept (a stale or altered form comes back
fresh, holding the text); an account posting too much answers 429, text kept. Anonymous
visitors are sent to the login page; a thread they may not read answers 404."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_comments.models import CommentFlag
from django_comments_xtd.models import LIKEDIT_FLAG, MaxThreadLevelExceededException
from django_htmx.http import HttpResponseClientRedirect, reswap, retarget

from cms_pages.extension_points import objects_changed

from .. import posting, tree
from ..forms import CommentForm, EditCommentForm
from ..models import Comment
from ..ratelimit import comments as comment_rate
from ..ratelimit import duplicate_comment
from .thread import readable_comment, readable_thread, thread_context, viewer_state


def _rate_limit_message():
    return _(
        "You have posted many messages in a short time. Please wait a few minutes before "
        "posting again; your text is kept below."
    )


def _comment_page(request, comment, thread, moderates=False):
    return tree.comment_url(comment, request.user, thread, moderates)


def _form_fragment(request, form, thread, status, parent=None):
    """The comment form alone (htmx): it replaces the form that was sent."""
    response = render(
        request,
        "forums/comment_form.html",
        {
            "form": form,
            "thread": thread,
            "parent": parent,
            "rate_limited": status == 429,
        },
        status=status,
    )
    retarget(response, f"#{form.form_id}")
    return reswap(response, "outerHTML")


def _form_errors(request, form, thread, status):
    """The form back with its errors, in the page it came from."""
    parent = form.parent
    if request.htmx:
        return _form_fragment(request, form, thread, status, parent)
    if parent is not None or form.data.get("reply_to"):
        if parent is None:
            # The message answered is gone or too deep: the form goes back to the thread.
            return render(
                request,
                "forums/thread.html",
                thread_context(request, thread, comment_form=_top_level(form)),
                status=status,
            )
        parent.forum_thread = thread
        return render(
            request,
            "forums/reply.html",
            {"form": form, "thread": thread, "parent": parent},
            status=status,
        )
    return render(
        request,
        "forums/thread.html",
        thread_context(request, thread, comment_form=form),
        status=status,
    )


def _top_level(form):
    """``form``'s text in a top-level comment form, with the reply's error as its message."""
    fresh = CommentForm(
        form.thread, user=form.user, initial={"comment": form.data.get("comment", "")}
    )
    fresh.notices.extend(form.errors.get("reply_to", []))
    return fresh


@require_POST
def post_comment(request, thread_id):
    thread = readable_thread(request, thread_id)
    if not request.user.is_authenticated:
        return redirect_to_login(thread.get_absolute_url())
    moderates, can_post = viewer_state(request, thread)
    if not can_post:
        raise PermissionDenied
    form = CommentForm(thread, request.POST, user=request.user)
    if not form.is_valid():
        if form.has_security_error():
            return _form_errors(request, form.renewed(), thread, 400)
        return _form_errors(request, form, thread, 400)
    parent = form.parent
    # Locks the account's row: a double submit finds the first comment, and parallel posts
    # count each other.
    duplicate = duplicate_comment(request.user, thread, parent, form.cleaned_data["comment"])
    if duplicate is not None:
        return _already_posted(request, duplicate, thread, moderates)
    if not comment_rate.take(request.user):
        form.add_error(None, _rate_limit_message())
        return _form_errors(request, form, thread, 429)
    try:
        with transaction.atomic():
            comment = posting.post_comment(
                thread=thread,
                author=request.user,
                text=form.cleaned_data["comment"],
                parent=parent,
            )
    except MaxThreadLevelExceededException:
        form.add_error(
            None,
            _("Replies go three levels deep at most: answer the message above this one instead."),
        )
        return _form_errors(request, form, thread, 400)
    held = comment.status == Comment.Status.HELD
    if held:
        notice = _(
            "Thank you. Your message will be shown once a moderator has read it (messages "
            "with several links from new accounts are read first)."
        )
    else:
        notice = _("Your message is published.")
    if request.htmx:
        return _posted_fragment(request, comment, thread, parent, moderates, notice)
    if held:
        messages.info(request, notice)
    else:
        messages.success(request, notice)
    return redirect(_comment_page(request, comment, thread, moderates))


def _already_posted(request, comment, thread, moderates):
    """A comment sent twice: the first one is shown, as if it had just been posted."""
    messages.info(request, _("Already sent: your message was received once."))
    url = _comment_page(request, comment, thread, moderates)
    if request.htmx:
        # The page reloads on it: swapping it in would show the first one twice.
        return HttpResponseClientRedirect(url)
    return redirect(url)


def _posted_fragment(request, comment, thread, parent, moderates, notice):
    """htmx: the new comment (added at the end of its list), a fresh form in place of the one
    sent, and the notice in the page's status region."""
    node = tree.node_for(comment, thread)
    tree.set_permissions([node], request.user, thread, can_post=True)
    fresh = None if parent is not None else CommentForm(thread, user=request.user)
    return render(
        request,
        "forums/includes/comment_posted.html",
        {
            "node": node,
            "thread": thread,
            "moderates": moderates,
            "parent": parent,
            "fresh_form": fresh,
            "notice": notice,
            "reply_count": Comment.objects.published().filter(forum_thread=thread).count(),
            "next_url": thread.get_absolute_url(),
            "user": request.user,
        },
    )


@require_GET
def reply_form(request, comment_id):
    """The form to answer one comment: a page of its own, or (htmx) the form alone, put under
    the comment."""
    parent = readable_comment(request, comment_id)
    thread = parent.forum_thread
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not parent.is_visible:
        raise Http404
    _moderates, can_post = viewer_state(request, thread)
    if not can_post:
        raise PermissionDenied
    if not parent.allow_thread():
        messages.error(
            request,
            _("Replies go three levels deep at most: answer the message above this one instead."),
        )
        return redirect(_comment_page(request, parent, thread))
    form = CommentForm(thread, user=request.user, parent=parent)
    context = {
        "form": form,
        "thread": thread,
        "parent": parent,
        "rate_limited": comment_rate.exhausted(request.user),
    }
    if request.htmx:
        form.fields["comment"].widget.attrs["autofocus"] = True  # htmx focuses it once shown
        return render(request, "forums/comment_form.html", context)
    return render(request, "forums/reply.html", context)


def _own_comment(request, comment_id, permission):
    """One's own comment (a deleted one is gone: 404; someone else's: 403)."""
    comment = readable_comment(request, comment_id)
    if comment.deleted_at is not None:
        raise Http404
    if comment.user_id != request.user.pk or not request.user.has_perm(permission, comment):
        raise PermissionDenied
    return comment


@require_http_methods(["GET", "POST"])
def edit_comment(request, comment_id):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    comment = _own_comment(request, comment_id, "forums.change_comment")
    thread = comment.forum_thread
    form = EditCommentForm(request.POST or None, initial={"comment": comment.comment})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            text = form.cleaned_data["comment"]
            with transaction.atomic():
                locked = Comment.objects.select_for_update().get(pk=comment.pk)
                locked.comment = text
                locked.edited_at = timezone.now()
                fields = ["comment", "body_html", "edited_at"]
                held = locked.status == Comment.Status.PUBLISHED and posting.held_for_links(
                    request.user, text
                )
                if held:
                    locked.status = Comment.Status.HELD
                    fields.append("status")
                locked.save(update_fields=fields)
            if held:
                messages.info(
                    request,
                    _(
                        "Your message is saved; it will be shown again once a moderator has "
                        "read it."
                    ),
                )
            else:
                messages.success(request, _("Your message is modified."))
            return redirect(_comment_page(request, locked, thread))
    return render(
        request,
        "forums/edit_comment.html",
        {
            "form": form,
            "comment": comment,
            "thread": thread,
            "back_url": _comment_page(request, comment, thread),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def delete_comment(request, comment_id):
    """Ask, then delete one's own comment: it leaves the thread (its replies stay, under a
    "message supprimé" placeholder)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    comment = _own_comment(request, comment_id, "forums.delete_comment")
    thread = comment.forum_thread
    if request.method == "POST":
        back = _comment_page(request, comment, thread)
        Comment.objects.filter(pk=comment.pk, deleted_at__isnull=True).update(
            deleted_at=timezone.now()
        )
        # An update sends no signal: the comment leaves the search.
        objects_changed.send(sender=Comment, pks=[comment.pk])
        messages.success(request, _("Your message is deleted."))
        return redirect(back)
    return render(
        request,
        "forums/delete_comment.html",
        {"comment": comment, "thread": thread, "back_url": _comment_page(request, comment, thread)},
    )


@require_POST
def react(request, comment_id):
    """Like or stop liking a comment. The form says which (``like`` = 1 or 0), so a double
    click or a second tab never flips it back; one like per person (the flag is unique)."""
    comment = readable_comment(request, comment_id)
    if not request.user.is_authenticated:
        return redirect_to_login(comment.forum_thread.get_absolute_url())
    if not comment.is_visible and comment.user_id != request.user.pk:
        raise Http404
    if not request.user.has_perm("forums.react_to_comment", comment):
        raise PermissionDenied
    wanted = request.POST.get("like", "1") != "0"
    flags = CommentFlag.objects.filter(comment_id=comment.pk, user=request.user, flag=LIKEDIT_FLAG)
    if wanted:
        try:
            with transaction.atomic():
                CommentFlag.objects.get_or_create(
                    comment_id=comment.pk,
                    user=request.user,
                    flag=LIKEDIT_FLAG,
                    defaults={"flag_date": timezone.now()},
                )
        except IntegrityError:
            pass  # a parallel request liked it first
    else:
        flags.delete()
    thread = comment.forum_thread
    if request.htmx:
        node = tree.node_for(comment, thread)
        node.can_react = True
        node.liked = wanted
        node.like_count = CommentFlag.objects.filter(
            comment_id=comment.pk, flag=LIKEDIT_FLAG
        ).count()
        return render(request, "forums/includes/like_button.html", {"node": node, "refocus": True})
    return redirect(_comment_page(request, comment, thread))
