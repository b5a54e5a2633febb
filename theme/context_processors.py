"""Values every page template needs: navigation, footer links, map settings."""

from django.conf import settings
from wagtail.models import Site

from cms_pages.models import StandardPage
from cms_pages.panels import CHROME_SLOTS, SlotPanels
from cms_pages.visibility import of_installed_types, without_restricted


def site_chrome(request):
    """Header navigation, footer links and the plugins' panels of the header, main navigation
    and footer (``chrome_panels``, each slot built when first shown) of the current site, read
    lazily."""

    def navigation():
        site = Site.find_for_request(request)
        if site is None:
            return []
        # Titles and URLs only: plain pages spare one query per page type; restrictions are
        # checked in the same query, and pages of a plugin switched off are left out.
        children = site.root_page.get_children().live().in_menu()
        return list(of_installed_types(without_restricted(children)))

    def footer_links():
        return list(
            without_restricted(StandardPage.objects.live())
            .filter(show_in_footer=True)
            .order_by("path")
        )

    return {
        "site_navigation": navigation,
        "site_footer_links": footer_links,
        "chrome_panels": SlotPanels(CHROME_SLOTS, None, request),
        "map_settings": {
            "tilesUrl": settings.MAP_TILES_URL,
            "tilesAttribution": settings.MAP_TILES_ATTRIBUTION,
            "center": settings.MAP_DEFAULT_CENTER,
            "zoom": settings.MAP_DEFAULT_ZOOM,
        },
    }
