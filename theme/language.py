"""The language switch, a GET: a link or a plain form, with no CSRF token in the page.

Django's ``set_language`` wants a POST, so every page would carry a CSRF token, and a page
holding a visitor's token cannot be kept in the page cache for the next visitor. Choosing a
language only sets the language cookie (no account, nothing stored), so a GET is safe.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .params import BadParameter

# A longer ``next`` is not a page of this site.
NEXT_MAX_LENGTH = 2000


def safe_next(request):
    """Where to go back: ``next`` when it is a path on this site, else the home page."""
    target = request.GET.get("next", "")
    if len(target) <= NEXT_MAX_LENGTH and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@require_safe
def choose_language(request):
    language = request.GET.get("language", "")
    if language not in dict(settings.LANGUAGES):
        raise BadParameter(_("This language is not offered: choose French or English."))
    response = HttpResponseRedirect(safe_next(request))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
