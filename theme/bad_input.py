"""The safety net under every view, for the bad input a view did not expect.

- An address holding a NUL byte or a lone surrogate is a 400 before any view runs (no view
  reads such a path; ``<str:…>`` would pass it on to the database).
- An id in the path (``<int:pk>``) beyond the database's integers is a 404: it names nothing,
  and some lookups (a page's ``page_ptr``) would send it to the database and overflow there.
- A view that fails on a query string or a form holding a NUL byte or a lone surrogate
  (PostgreSQL refuses NUL in any text: a ``DataError``) answers a 400 instead of a 500, and so
  does any view failing on a number too large for the database (``OverflowError``). With
  ``ATOMIC_REQUESTS`` the view's transaction is already rolled back: nothing is written.

Views still read their own parameters with ``theme.params`` (a NUL in a search box is a
search for nothing, a form field's NUL a form error, as their tests say); this catches the ones
nobody thought of, and the fuzz test (tests/website/test_fuzz.py) looks for them.
"""

import contextlib

from django.db import DatabaseError
from django.http import Http404, JsonResponse
from django.http.request import RawPostDataException
from django.utils.translation import gettext as _

from .params import MAX_ID, BadParameter, has_forbidden_characters
from .views import bad_request


def _holds_forbidden_characters(request):
    items = list(request.GET.lists())
    if request.method == "POST":
        # RawPostDataException: the view read the body as a stream.
        with contextlib.suppress(RawPostDataException):
            items += request.POST.lists()
    return any(
        has_forbidden_characters(key) or any(has_forbidden_characters(v) for v in values)
        for key, values in items
    )


def _answer(request, message):
    """A French 400: JSON under /api/, the theme's 400 page elsewhere."""
    if request.path_info.startswith("/api/"):
        return JsonResponse(
            {"message": message}, status=400, json_dumps_params={"ensure_ascii": False}
        )
    return bad_request(request, BadParameter(message))


def _refused(request):
    return _answer(
        request,
        _("A value sent contains a character that is not allowed (a NUL byte, an invalid one)."),
    )


def _too_large(request):
    return _answer(request, _("A number sent is too large."))


class BadInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if any(type(value) is int and value > MAX_ID for value in view_kwargs.values()):
            raise Http404
        if has_forbidden_characters(request.path_info):
            return _refused(request)
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError):
            return _too_large(request)
        if isinstance(exception, DatabaseError | ValueError) and _holds_forbidden_characters(
            request
        ):
            return _refused(request)
        return None
