"""Admin registration of initiatives: the "Initiatives" listing for editors and moderators."""

from wagtail import hooks

from .admin_views import InitiativeListingViewSet


@hooks.register("register_admin_viewset")
def register_initiative_listing():
    return InitiativeListingViewSet("initiative_pages")
