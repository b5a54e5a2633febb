"""The core's hooks into Wagtail."""

from django.http import Http404
from wagtail import hooks

from . import search_descriptions
from .admin_communes import commune_viewset
from .extension_points import SEARCH_FACETS, SEARCH_PAGE_DOCUMENTS


@hooks.register("before_serve_page")
def refuse_pages_of_missing_types(page, request, serve_args, serve_kwargs):
    """A page whose type belongs to a plugin switched off answers 404, not a template error."""
    if page.specific_class is None:
        raise Http404


# The core's pages and facets in the site search, as plain data (read by the search plugin).
hooks.register(SEARCH_PAGE_DOCUMENTS, search_descriptions.describe_documents)
hooks.register(SEARCH_FACETS, search_descriptions.describe_facets)


@hooks.register("register_admin_viewset")
def register_commune_viewset():
    """The communes' own listing: edited apart from the territory pages (light edit page)."""
    return commune_viewset
