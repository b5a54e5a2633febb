"""The read-only Wagtail API v2: published, public pages only."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
# Only pages: Wagtail's pages endpoint serves live, public pages; images and documents are
# left out so nothing attached to an unpublished page can be listed.
api_router.register_endpoint("pages", PagesAPIViewSet)
