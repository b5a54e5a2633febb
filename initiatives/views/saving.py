"""What the edit and restore views share: where a member lands after a save, and retrying a
save that met another one in the database."""

import logging
import time

from django.contrib import messages
from django.db import OperationalError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import publication

logger = logging.getLogger(__name__)

# Pauses before trying a save again when the database was busy with another one (SQLite
# refuses a second writer, PostgreSQL may report a deadlock). The next try sees the other
# save and refuses this one as stale, with the other change shown.
BUSY_RETRY_DELAYS = (0.2, 0.5, 1.0)


def back_url(request, page):
    """The public page once published, else the status page."""
    url = page.get_url(request) if page.live else None
    return url or reverse("initiatives:status", args=[page.pk])


def success_redirect(request, page, outcome):
    """After a save: the public page when the change is live, else the status page."""
    if outcome == publication.Outcome.PUBLISHED:
        messages.success(request, _("Changes published."))
        url = page.get_url(request)
        if url:
            return redirect(url)
    else:
        messages.success(
            request,
            _(
                "Changes sent to the moderators: they will be published once a moderator "
                "has approved them."
            ),
        )
    return redirect("initiatives:status", pk=page.pk)


def _rewind_uploads(request):
    for upload in request.FILES.values():
        upload.seek(0)


def save_with_retries(request, attempt, when_busy):
    """``attempt()`` (one transaction) again after a pause while the database is busy, then
    ``when_busy()``; a plain 503 if even that cannot read the database."""
    for delay in (*BUSY_RETRY_DELAYS, None):
        try:
            return attempt()
        except OperationalError:
            logger.warning("Initiative save met another one: %s", request.path, exc_info=True)
            if delay is None:
                break
            time.sleep(delay)
            _rewind_uploads(request)
    try:
        return when_busy()
    except OperationalError:
        response = HttpResponse(
            _("Another save of this initiative is in progress. Go back and save again."),
            content_type="text/plain; charset=utf-8",
            status=503,
        )
        response["Retry-After"] = "2"
        return response
