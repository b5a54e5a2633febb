"""The site's error pages (``handler404`` & co. in ``website/urls.py``, ``CSRF_FAILURE_VIEW``).

Their templates live under ``theme/errors/`` rather than at the top of the template path: a
plain ``404.html`` would lose to any app listed before ``theme`` that ships its own (the forums
plugin's django-comments-xtd does, a bare English page). The 404, 403 and 400 pages extend
``base.html`` (header, search, navigation); the 500 and 503 pages extend a static layout and
are rendered without a request, so without context processors and without any query: they must
work when the database is down (a database error is answered with the 503 page).
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from .params import BadParameter

#: Seconds a visitor (or a crawler) is asked to wait before retrying after a 503.
RETRY_AFTER = 120


@requires_csrf_token
def page_not_found(request, exception=None):
    return render(request, "theme/errors/404.html", status=404)


@requires_csrf_token
def permission_denied(request, exception=None):
    return render(request, "theme/errors/403.html", status=403)


@requires_csrf_token
def bad_request(request, exception=None):
    """The 400 page; a ``BadParameter`` (theme.params) says which value could not be read."""
    message = str(exception) if isinstance(exception, BadParameter) else ""
    return render(request, "theme/errors/400.html", {"message": message}, status=400)


@requires_csrf_token
def csrf_failure(request, reason=""):
    """A form sent without a valid security token: often a page left open too long."""
    return render(request, "theme/errors/403_csrf.html", status=403)


def unavailable(request=None):
    """The 503 page: static, no query."""
    response = HttpResponse(loader.get_template("theme/errors/503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    return response


def server_error(request=None):
    """The 500 page, or the 503 page when the error came from the database (unreachable,
    locked, out of connections): static, no query, no context processor."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        return unavailable(request)
    return HttpResponse(loader.get_template("theme/errors/500.html").render(), status=500)
