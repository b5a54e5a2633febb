"""The citizen's own profile page, and the admin's door to the one login."""

from allauth.account import views as allauth_views
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cms_pages.panels import page_panels_context

from .data_export import latest_export
from .forms import ProfileForm
from .rules import may_use_two_factor


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    """Show and edit the signed-in citizen's display name and home territory, with what the
    plugins show of the citizen below (the "profile" slot: contributions, messages,
    initiatives)."""
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
        {
            "form": form,
            # Staff are offered two-factor authentication (required for the admin but for the
            # Animateurs: accounts/middleware.py).
            "offer_two_factor": may_use_two_factor(request.user),
            # Where the citizen's latest request for a copy of their data stands.
            "data_export": latest_export(request.user),
            **page_panels_context(["profile"], request.user, request),
        },
    )


def admin_login(request):
    """allauth's login (its verification, throttle and second factor) at /admin/login/; whoever
    came in by the admin's door goes back to the admin, not to their profile."""
    if not request.GET.get("next") and not request.POST.get("next"):
        query = request.GET.copy()
        query["next"] = reverse("wagtailadmin_home")
        request.GET = query
    return allauth_views.login(request)
