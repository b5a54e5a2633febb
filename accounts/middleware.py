"""Two doors kept shut on every request: the admin asks staff for a second factor, and private
pages are never stored by a browser or a shared cache."""

from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from .rules import must_use_two_factor

ADMIN_PREFIX = "/admin/"
# allauth's views under the admin's prefix (website/urls.py): signing in or out needs no
# second factor first.
ADMIN_ENTRANCES = ("/admin/login/", "/admin/logout/")
PRIVATE_PREFIXES = (ADMIN_PREFIX, "/comptes/")
SECOND_FACTOR = "mfa"  # the method allauth records in the session for a TOTP or recovery code


def used_second_factor(request):
    """True if the signed-in user gave a second factor during this session (at login, on
    re-authentication, or by activating an authenticator app: accounts/two_factor.py)."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == SECOND_FACTOR for record in records)


class StaffTwoFactorMiddleware:
    """Before any admin page (Wagtail's admin API included), Éditeurs, Modérateurs and
    superusers who have not given a second factor in this session are sent to set up an
    authenticator app if they have none, or to enter one of its codes. allauth offers two-factor
    authentication but cannot require it: this is the requirement. Animateurs are offered it on
    their profile, not forced."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.must_stop(request):
            return self.second_factor_redirect(request)
        return self.get_response(request)

    @staticmethod
    def must_stop(request):
        path = request.path_info
        if not path.startswith(ADMIN_PREFIX) or path.startswith(ADMIN_ENTRANCES):
            return False
        user = request.user
        if not user.is_authenticated or not must_use_two_factor(user):
            return False
        return not used_second_factor(request)

    @staticmethod
    def second_factor_redirect(request):
        query = urlencode({"next": request.get_full_path()})
        if is_mfa_enabled(request.user, [Authenticator.Type.TOTP]):
            messages.info(
                request,
                _("Enter a code from your authenticator app to open the administration."),
            )
            return HttpResponseRedirect(f"{reverse('mfa_reauthenticate')}?{query}")
        messages.info(
            request,
            _(
                "The administration requires two-factor authentication: set up an "
                "authenticator app to continue."
            ),
        )
        return HttpResponseRedirect(f"{reverse('mfa_activate_totp')}?{query}")


def is_private_view(view_func):
    """True for a view behind ``login_required`` (or ``permission_required``,
    ``user_passes_test``): Django's decorator leaves ``redirect_field_name`` on its wrapper for
    ``LoginRequiredMiddleware``, and ``functools.wraps`` carries it to outer decorators."""
    return hasattr(view_func, "redirect_field_name")


class PrivatePagesNoStoreMiddleware:
    """``Cache-Control: no-store`` (``never_cache``'s headers) on every response under /admin/
    and /comptes/ (signed in or not: login, password-reset and e-mail confirmation pages carry
    keys and tokens) and on every response of a view that requires login, so no browser history
    or shared cache keeps a copy of a private page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(PRIVATE_PREFIXES) or getattr(
            request, "_private_view", False
        ):
            add_never_cache_headers(response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        request._private_view = is_private_view(view_func) and request.user.is_authenticated
