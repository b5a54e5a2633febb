"""Following a thread, and leaving it from the link in an e-mail.

``follow_thread`` is a POST form on the thread page (``forums/includes/follow_button.html``):
it says what it wants (``follow=1`` or ``0``), so a double click never flips the state back;
htmx swaps the button in place, without JavaScript the page comes back with a message.

``unsubscribe`` is the link of every notification e-mail: a signed token names the user and the
threads, so it works signed out. GET only shows a confirmation (mail scanners open links);
the POST, from the page or from a mail client's one-click ``List-Unsubscribe-Post``, stops the
follows. The token is the credential, so the view is exempt from the CSRF check (a one-click
POST comes from the mail client, without the site's cookie)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from .. import notifications, posting
from ..models import Thread, ThreadFollow
from .thread import forum_page_shown


@require_POST
@login_required
def follow_thread(request, thread_id):
    thread = get_object_or_404(Thread.objects.select_related("page"), pk=thread_id)
    user = request.user
    if not (user.has_perm("forums.view_thread", thread) and forum_page_shown(user, thread)):
        raise Http404
    wanted = request.POST.get("follow")
    status = 200
    if wanted not in ("0", "1"):
        follows = ThreadFollow.objects.filter(thread=thread, user=user).exists()
        message = _("This request could not be understood: please use the button again.")
        status = 400
    elif wanted == "1":
        if not user.has_perm("forums.follow_thread", thread):
            raise Http404
        posting.follow(thread, user)
        follows = True
        message = _("You follow this discussion: new replies will reach you by e-mail.")
    else:
        notifications.unfollow(user.pk, [thread.pk])
        follows = False
        message = _("You no longer follow this discussion.")
    if request.htmx:
        context = {"thread": thread, "follows": follows, "follow_message": message}
        return render(request, "forums/includes/follow_button.html", context, status=status)
    if status == 400:
        context = {"thread": thread, "follows": follows, "follow_message": message}
        return render(request, "forums/follow.html", context, status=status)
    messages.success(request, message)
    return redirect(thread.get_absolute_url() + f"#thread-follow-{thread.pk}")


def _threads_of(thread_ids):
    return list(
        Thread.objects.filter(pk__in=thread_ids).select_related("page").order_by("title", "pk")
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        user_id, thread_ids = notifications.read_unsubscribe_token(token)
    except signing.BadSignature:
        return render(request, "forums/unsubscribe.html", {"invalid": True}, status=400)
    threads = _threads_of(thread_ids)
    if request.method == "POST":
        if get_user_model().objects.filter(pk=user_id).exists():
            notifications.unfollow(user_id, thread_ids)
        return render(request, "forums/unsubscribed.html", {"threads": threads})
    following = set(
        ThreadFollow.objects.filter(user_id=user_id, thread_id__in=thread_ids).values_list(
            "thread_id", flat=True
        )
    )
    context = {
        "threads": threads,
        "token": token,
        "still_following": [t for t in threads if t.pk in following],
    }
    return render(request, "forums/unsubscribe.html", context)
