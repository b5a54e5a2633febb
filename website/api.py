"""The read-only Wagtail API v2: published, public pages only."""

from django.conf import settings
from django.utils.translation import gettext as _
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from cms_pages.visibility import without_unlisted
from theme.params import MAX_ID, has_forbidden_characters, parse_id

#: The largest ``offset`` read: beyond it no site has pages, and the database's integers stop.
MAX_OFFSET = 2**31 - 1
#: The parameters Wagtail reads with ``int()`` (``child_of`` and ``descendant_of`` also take
#: ``root``); a value it cannot read, or too large for the database, is a 400, not a 500.
INTEGER_PARAMETERS = (
    "offset",
    "limit",
    "child_of",
    "ancestor_of",
    "descendant_of",
    "translation_of",
    "id",
)


def _largest(name):
    if name == "offset":
        return MAX_OFFSET
    if name == "limit":
        return getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20) or MAX_OFFSET
    return MAX_ID


class PagesEndpoint(PagesAPIViewSet):
    """Wagtail's pages endpoint, checking its query string before Wagtail reads it."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        query = request._request.GET
        for name, values in query.lists():
            if has_forbidden_characters(name) or any(map(has_forbidden_characters, values)):
                raise BadRequestError(
                    _("The parameter « %(name)s » contains characters the site cannot read.")
                    % {"name": name}
                )
        for name in INTEGER_PARAMETERS:
            value = query.get(name)
            if value is None or (value == "root" and name in ("child_of", "descendant_of")):
                continue
            largest = _largest(name)
            if parse_id(value, max_value=largest) is None:
                raise BadRequestError(
                    _("The parameter « %(name)s » must be a whole number from 0 to %(max)s.")
                    % {"name": name, "max": largest}
                )
        if "search" in query:
            request._request.GET = _without_quotes_in_search(query)

    def get_base_queryset(self):
        """Wagtail's public pages; its listing leaves out those a plugin keeps out of lists
        (``UNLISTED_PAGES``), whose own URL still answers."""
        queryset = super().get_base_queryset()
        if self.action == "listing_view":
            queryset = without_unlisted(queryset)
        return queryset


def _without_quotes_in_search(query):
    """The SQLite search backend puts each word between double quotes without escaping them: a
    quote is a syntax error there, and means nothing in a plain-text search. A search of no
    word at all fails in every backend: it is left out (everything is listed)."""
    cleaned = query.copy()
    words = cleaned["search"].replace('"', " ").split()
    if words:
        cleaned["search"] = " ".join(words)
    else:
        del cleaned["search"]
    cleaned._mutable = False
    return cleaned


api_router = WagtailAPIRouter("wagtailapi")
# Only pages: Wagtail's pages endpoint serves live, public pages; images and documents are
# left out so nothing attached to an unpublished page can be listed.
api_router.register_endpoint("pages", PagesEndpoint)
