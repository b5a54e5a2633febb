"""The citizen's own profile page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .forms import ProfileForm

# The profile shows this many of the citizen's latest comments (public threads only).
RECENT_COMMENTS = 10


def recent_comments(user):
    """The citizen's latest comments that everyone can read, with their thread (and its
    enjeu, for the thread's URL), in one query."""
    from forums.visibility import public_comments

    return list(
        public_comments()
        .filter(user=user)
        .select_related("forum_thread", "forum_thread__enjeu")
        .only(
            "pk",
            "body_html",
            "submit_date",
            "forum_thread__id",
            "forum_thread__title",
            "forum_thread__slug",
            "forum_thread__initiative_id",
            "forum_thread__enjeu__id",
            "forum_thread__enjeu__slug",
        )
        .order_by("-submit_date", "-pk")[:RECENT_COMMENTS]
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    """Show and edit the signed-in citizen's display name and home territory."""
    if not request.user.has_perm("accounts.change_profile", request.user):
        raise PermissionDenied
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "recent_comments": recent_comments(request.user)},
    )
