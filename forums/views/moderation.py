"""Moderation from the public thread page: report a comment (the core's report view, through
``CommentReportable``); hide it with a reason, restore it; close, pin or keep a thread to
members.

Moderators act everywhere; porteurs on their own initiative's threads only (the ``rules``
permissions of ``forums.rules``, asked again by ``forums.moderation`` on locked rows), and
there they hide only published comments and restore only what a porteur hid: what a
moderator or the reports hid stays for the moderators. A thread
the user may not read (and a comment of it) answers 404, so nothing reveals it exists, and so
does reporting a comment not shown to them; an action they may not take answers 403 (a porteur
on another initiative's thread or on an enjeu thread). Every form works as a plain POST
(redirect and message) and is enhanced by htmx: an htmx request gets the block it came from,
re-rendered."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from .. import moderation
from ..models import Comment
from .thread import readable_comment, readable_thread


class HideForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (its author will read it)"),
        max_length=moderation.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Required, at most 500 characters."),
    )

    def clean_reason(self):
        return moderation.clean_reason(self.cleaned_data["reason"])


class ThreadSettingsForm(forms.Form):
    action = forms.ChoiceField(choices=[(key, key) for key in moderation.THREAD_ACTIONS])


# Finding what the URL names: readable_thread / readable_comment (views.thread) answer 404
# for a thread the user may not read.


def _shown_comment(request, comment_id):
    """The comment if it is shown to the user with its text: published, or their own (not
    deleted); anything else answers 404, as if it did not exist."""
    comment = readable_comment(request, comment_id)
    own = comment.user_id == request.user.pk
    if comment.deleted_at is not None or not (comment.is_visible or own):
        raise Http404
    return comment


def _next_url(request, default):
    """Where a plain form goes back to: the page it was posted from when it is on this site,
    else ``default``."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def _comment_next(request, comment):
    """Back to the page the form came from, at the comment."""
    url = _next_url(request, comment.forum_thread.get_absolute_url())
    return url if "#" in url else f"{url}#c{comment.pk}"


def _comment_block(request, comment, *, status=200, **extra):
    context = {
        "comment": comment,
        "thread": comment.forum_thread,
        "moderates": request.user.has_perm("forums.moderate_thread", comment.forum_thread),
        "can_hide": request.user.has_perm("forums.hide_comment", comment),
        "can_restore": request.user.has_perm("forums.restore_comment", comment),
        "next_url": _next_url(request, comment.forum_thread.get_absolute_url()).split("#")[0],
        **extra,
    }
    return render(request, "forums/includes/comment_moderation.html", context, status=status)


# Views.


class CommentReportable(moderation.CommentReports):
    """Reporting a comment (``moderation.views.report``): one shown to the user, not their
    own (``forums.report_comment``); back to the page the form came from, at the comment. An
    htmx request gets the form folded into the comment's moderation block, then a thank-you
    in its place."""

    title = gettext_lazy("Report a comment")
    lead = gettext_lazy(
        "Tell the moderators why this comment breaks the rules. They read every report; "
        "your name is not shown to its author."
    )
    back_label = gettext_lazy("Back to “%(title)s”")
    thanks = gettext_lazy("Thank you. The moderators will look at this comment.")
    already = gettext_lazy(
        "You have already reported this comment; the moderators will look at it."
    )
    inline_template = "forums/includes/report_inline.html"
    done_template = "forums/includes/report_done.html"

    def get_target(self, request, comment_id):
        return _shown_comment(request, comment_id)

    def can_report(self, user, target):
        return user.has_perm("forums.report_comment", target)

    def get_url(self, request, target):
        return _comment_next(request, target)

    def get_back_label_values(self, target):
        return {"title": target.forum_thread.title}

    def quote(self, target):
        return target.user_name, target.comment

    def get_form_kwargs(self, target):
        # Ids of its own: the form may fold open under several comments of one page.
        return {"auto_id": f"id_report_{target.pk}_%s"}

    def get_context(self, request, target):
        return {
            "comment": target,
            "thread": target.forum_thread,
            "next_url": _next_url(request, "").split("#")[0],
        }


@login_required
@require_http_methods(["GET", "POST"])
def hide_comment(request, comment_id):
    """Hide a comment with a reason its author reads (moderators, porteurs on their
    initiative's threads). GET shows the form on its own page (without JavaScript the thread
    page's form folds open in place, so this page is mostly where errors come back)."""
    comment = readable_comment(request, comment_id)
    if not request.user.has_perm("forums.hide_comment", comment):
        raise PermissionDenied
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        comment = moderation.hide(comment, request.user, form.cleaned_data["reason"])
        message = _("The comment is hidden; its author can read your reason.")
        if request.htmx:
            return _comment_block(request, comment, moderation_message=message)
        messages.success(request, message)
        return redirect(_comment_next(request, comment))
    status = 400 if request.method == "POST" else 200
    if request.htmx:
        return _comment_block(request, comment, status=status, hide_form=form)
    return render(
        request,
        "forums/hide_form.html",
        {
            "comment": comment,
            "thread": comment.forum_thread,
            "form": form,
            "back_url": _comment_next(request, comment),
            "next_url": _next_url(request, "").split("#")[0],
        },
        status=status,
    )


@login_required
@require_POST
def restore_comment(request, comment_id):
    """Show a hidden or flagged comment again, or publish a held one (moderators); a porteur
    shows again only what a porteur hid, and nobody their own comment."""
    comment = readable_comment(request, comment_id)
    if not request.user.has_perm("forums.restore_comment", comment):
        raise PermissionDenied
    was_held = comment.status == Comment.Status.HELD
    comment = moderation.restore(comment, request.user)
    message = _("The comment is published.") if was_held else _("The comment is shown again.")
    if request.htmx:
        return _comment_block(request, comment, moderation_message=message)
    messages.success(request, message)
    return redirect(_comment_next(request, comment))


THREAD_MESSAGES = {
    "close": gettext_lazy("The thread is closed: it takes no new comments."),
    "open": gettext_lazy("The thread is open to new comments again."),
    "pin": gettext_lazy("The thread is pinned at the top of the forum."),
    "unpin": gettext_lazy("The thread is no longer pinned."),
    "members_only": gettext_lazy("The thread is now for the initiative's members only."),
    "public": gettext_lazy("The thread is now visible to everyone."),
    "publish": gettext_lazy("The thread is published."),
}


@login_required
@require_POST
def thread_settings(request, thread_id):
    """Close or reopen, pin or unpin a thread; keep an initiative's thread to its members or
    open it to everyone. The form says the state it wants, so a second click changes
    nothing."""
    thread = readable_thread(request, thread_id)
    if not request.user.has_perm("forums.moderate_thread", thread):
        raise PermissionDenied
    form = ThreadSettingsForm(request.POST)
    back = _next_url(request, thread.get_absolute_url())
    if not form.is_valid():
        message = _("This moderation action is not known.")
        if request.htmx:
            return _thread_block(request, thread, status=400, moderation_message=message)
        return render(
            request,
            "forums/thread_settings.html",
            {
                "thread": thread,
                "moderates": True,
                "back_url": back,
                "next_url": back,
                "error": message,
            },
            status=400,
        )
    action = form.cleaned_data["action"]
    if action in ("members_only", "public") and not thread.allows_members_only:
        raise PermissionDenied
    thread, _changed = moderation.set_thread(thread, request.user, action)
    messages.success(request, THREAD_MESSAGES[action])
    if request.htmx:
        # The whole page changes (badges, the comment form of a closed thread): reload it.
        return HttpResponseClientRefresh()
    return redirect(back)


def _thread_block(request, thread, *, status=200, **extra):
    context = {
        "thread": thread,
        "moderates": request.user.has_perm("forums.moderate_thread", thread),
        "next_url": _next_url(request, thread.get_absolute_url()),
        **extra,
    }
    return render(request, "forums/includes/thread_moderation.html", context, status=status)
