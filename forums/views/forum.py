"""The forum of a page (an enjeu, an initiative…: see ``forums.owners``): the list of threads
(pinned first, then by last activity, with their number of published replies), and starting a
thread.

The page's owner finds the page from the URL and says who sees it: an enjeu's forum exists
while the enjeu is published (else 404) and is open to every signed-in citizen; an initiative's
forum follows ``initiatives.view_initiative`` (members talk before the page is published) and
only its members start threads there (``forums.start_thread``). Members-only threads are
neither listed nor counted for anyone else."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cms_pages.page_cache.versions import depends_on

from .. import posting
from ..forms import ThreadForm
from ..models import Thread
from ..owners import allows_members_only, forum_url, owner
from ..page_cache import forum_key
from ..ratelimit import comments as comment_rate
from ..ratelimit import duplicate_thread
from ..rules import is_page_member
from ..visibility import not_held, readable_threads


def page_url(request, kind, page):
    """The public page of the forum's page; for a page not live, where its owner leads
    (``private_url``), else ""."""
    if page.live:
        return page.get_url(request=request)
    private_url = owner(kind).get("private_url")
    return private_url(page) if private_url else ""


@require_GET
def forum(request, kind, **route):
    page = owner(kind)["get_page"](request, **route)
    depends_on(request, forum_key(page.pk))
    threads = Thread.objects.filter(page=page)
    # A page's members read all its threads (their membership is already known).
    if not is_page_member(request.user, page):
        threads = readable_threads(request.user, threads)
    else:
        threads = not_held(request.user, threads)
    threads = threads.by_activity()
    page_obj = Paginator(
        threads.as_cards(),
        settings.FORUM_THREADS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    for thread in page_obj.object_list:
        thread.forum_page = page
    return render(
        request,
        "forums/forum.html",
        {
            "forum_page": page,
            "forum_kind": kind,
            "forum_page_url": page_url(request, kind, page),
            "page_obj": page_obj,
            "threads": page_obj.object_list,
            "new_thread_url": forum_url(page, "new-thread"),
            "can_start": request.user.is_authenticated
            and request.user.has_perm("forums.start_thread", page),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def new_thread(request, kind, **route):
    """The new-thread form (GET) and its posting (POST): 400 with the text kept on errors, 429
    when the account posts too much; the author lands on the new thread. A thread in an enjeu's
    forum may name a territory; the porteurs of an initiative may keep it to the members."""
    found = owner(kind)
    page = found["get_page"](request, **route)
    if not request.user.has_perm("forums.start_thread", page):
        raise PermissionDenied
    may_restrict = allows_members_only(found) and request.user.has_perm(
        "forums.make_thread_members_only", Thread(page=page)
    )
    with_territory = bool(found.get("with_territory"))
    form = ThreadForm(
        request.POST or None,
        with_territory=with_territory,
        with_members_only=may_restrict,
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            # Locks the account's row: a double submit finds the first thread.
            duplicate = duplicate_thread(request.user, page, data["title"], data["body"])
            if duplicate is not None:
                messages.info(request, _("Already sent: your discussion was opened once."))
                return redirect(duplicate.get_absolute_url())
            if comment_rate.take(request.user):
                thread = posting.start_thread(
                    author=request.user,
                    title=data["title"],
                    body=data["body"],
                    page=page,
                    territory=data.get("territory") if with_territory else None,
                    members_only=may_restrict and data.get("members_only", False),
                )
                if thread.held:
                    messages.info(
                        request,
                        _(
                            "Your discussion waits for a moderator: only you can see it "
                            "until a moderator publishes it."
                        ),
                    )
                else:
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
            "forum_url": forum_url(page),
        },
        status=status,
    )
