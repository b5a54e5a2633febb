"""The privacy notice (« Politique de confidentialité »), at ``/confidentialite/``.

What it says the platform keeps, and for how long, must stay true: every duration is read
from the setting or constant that the code itself applies (``accounts.retention``, the
sessions, the cookies), never typed in the text. Installed plugins describe what they keep
in the page's ``privacy`` panel slot, so a plugin switched off leaves the notice too.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.shortcuts import render
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from cms_pages.panels import page_panels_context

from .ratelimit import ACTIONS_KEPT

DAY = 24 * 3600


def duration(days):
    """``days`` as a reader says it: « 3 ans », « 2 semaines », « 90 jours », « 7 jours »."""
    if days and days % 365 == 0:
        years = days // 365
        return ngettext("%(count)d year", "%(count)d years", years) % {"count": years}
    if days % 7 == 0 and 14 <= days < 365:
        weeks = days // 7
        return ngettext("%(count)d week", "%(count)d weeks", weeks) % {"count": weeks}
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}


def retention_periods():
    """Every period the notice states, from what the code applies."""
    language_cookie_age = settings.LANGUAGE_COOKIE_AGE
    return {
        "inactive_account": duration(settings.INACTIVE_ACCOUNT_DAYS),
        "inactivity_warning": duration(settings.INACTIVE_ACCOUNT_WARNING_DAYS),
        "emails": duration(settings.OUTBOX_RETENTION_DAYS),
        "rate_limit_records": duration(ACTIONS_KEPT.days),
        "data_exports": duration(settings.PERSONAL_DATA_EXPORT_DAYS),
        "session": duration(settings.SESSION_COOKIE_AGE // DAY),
        "csrf_cookie": duration(settings.CSRF_COOKIE_AGE // DAY),
        # None: the cookie goes when the browser closes.
        "language_cookie": (
            duration(language_cookie_age // DAY) if language_cookie_age is not None else None
        ),
        "server_logs": duration(settings.SERVER_LOG_RETENTION_DAYS),
        "backups": duration(settings.BACKUP_RETENTION_DAYS),
    }


@require_safe
def privacy_notice(request):
    """What the platform keeps about people, why, who sees it, how long, and their rights."""
    return render(
        request,
        "accounts/privacy.html",
        {
            "periods": retention_periods(),
            "contact_email": settings.PRIVACY_CONTACT_EMAIL,
            "session_cookie_name": settings.SESSION_COOKIE_NAME,
            "csrf_cookie_name": settings.CSRF_COOKIE_NAME,
            "language_cookie_name": settings.LANGUAGE_COOKIE_NAME,
            "messages_cookie_name": CookieStorage.cookie_name,
            # The one third-party request: the map tiles' server, when there is one.
            "tiles_host": urlsplit(settings.MAP_TILES_URL).hostname,
            **page_panels_context(["privacy"], None, request),
        },
    )
