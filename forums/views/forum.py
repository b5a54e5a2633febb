"""The forum of an enjeu and the forum of an initiative: the list of threads (pinned first,
then by last activity, with their number of published replies), and starting a thread.

An enjeu's forum exists while the enjeu is published (else 404) and is open to every signed-in
citizen; an initiative's forum follows ``initiatives.view_initiative`` (members talk before the
page is published) and only its members start threads there. Members-only threads are neither
listed nor counted for anyone else."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.ratelimit import comments as comment_rate
from initiatives.rules import is_member
from initiatives.views.common import get_initiative

from .. import posting
from ..forms import ThreadForm
from ..models import Thread
from ..visibility import published_enjeux, readable_threads


# Columns a thread card never reads.
def published_enjeu(slug):
    enjeu = published_enjeux().filter(slug=slug).first()
    if enjeu is None:
        raise Http404
    return enjeu


def _forum(request, page, threads, *, kind, new_thread_url, can_start):
    # An initiative's members read all its threads (their membership is already known).
    if not (kind == "initiative" and is_member(request.user, page)):
        threads = readable_threads(request.user, threads)
    threads = threads.by_activity()
    page_obj = Paginator(
        threads.as_cards(),
        settings.FORUM_THREADS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    for thread in page_obj.object_list:
        setattr(thread, kind, page)
    return render(
        request,
        "forums/forum.html",
        {
            "forum_page": page,
            "forum_kind": kind,
            "forum_page_url": page.get_url(request=request) if page.live else "",
            "page_obj": page_obj,
            "threads": page_obj.object_list,
            "new_thread_url": new_thread_url,
            "can_start": can_start,
        },
    )


@require_GET
def enjeu_forum(request, enjeu_slug):
    enjeu = published_enjeu(enjeu_slug)
    return _forum(
        request,
        enjeu,
        Thread.objects.filter(enjeu=enjeu),
        kind="enjeu",
        new_thread_url=reverse("forums:enjeu-new-thread", args=[enjeu.slug]),
        can_start=request.user.is_authenticated and request.user.is_active,
    )


@require_GET
def initiative_forum(request, pk):
    initiative = get_initiative(request, pk)
    return _forum(
        request,
        initiative,
        Thread.objects.filter(initiative=initiative),
        kind="initiative",
        new_thread_url=reverse("forums:initiative-new-thread", args=[initiative.pk]),
        can_start=request.user.is_authenticated
        and request.user.has_perm("forums.add_thread_in_initiative", initiative),
    )


def _new_thread(request, page, *, kind, forum_url, form_options, start):
    """The new-thread form (GET) and its posting (POST): 400 with the text kept on errors, 429
    when the account posts too much; the author lands on the new thread."""
    form = ThreadForm(request.POST or None, **form_options)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            if comment_rate.take(request.user):
                data = form.cleaned_data
                thread = start(data)
                messages.success(request, _("Your discussion is open."))
                return redirect(thread.get_absolute_url())
            form.add_error(
                None,
                _(
                    "You have posted many messages in a short time. Please wait a few minutes "
                    "before posting again; your text is kept below."
                ),
            )
            status = 429
    return render(
        request,
        "forums/new_thread.html",
        {
            "forum_page": page,
            "forum_kind": kind,
            "form": form,
            "forum_url": forum_url,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def new_enjeu_thread(request, enjeu_slug):
    enjeu = published_enjeu(enjeu_slug)
    if not request.user.is_active:
        raise PermissionDenied

    def start(data):
        return posting.start_thread(
            author=request.user,
            title=data["title"],
            body=data["body"],
            enjeu=enjeu,
            territory=data.get("territory"),
        )

    return _new_thread(
        request,
        enjeu,
        kind="enjeu",
        forum_url=reverse("forums:enjeu-forum", args=[enjeu.slug]),
        form_options={"with_territory": True},
        start=start,
    )


@login_required
@require_http_methods(["GET", "POST"])
def new_initiative_thread(request, pk):
    initiative = get_initiative(request, pk, "forums.add_thread_in_initiative")
    may_restrict = request.user.has_perm(
        "forums.make_thread_members_only", Thread(initiative=initiative)
    )

    def start(data):
        return posting.start_thread(
            author=request.user,
            title=data["title"],
            body=data["body"],
            initiative=initiative,
            members_only=may_restrict and data.get("members_only", False),
        )

    return _new_thread(
        request,
        initiative,
        kind="initiative",
        forum_url=reverse("forums:initiative-forum", args=[initiative.pk]),
        form_options={"with_members_only": may_restrict},
        start=start,
    )
