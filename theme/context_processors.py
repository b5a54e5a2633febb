"""Values every page template needs: navigation, footer links, map settings."""

from django.conf import settings
from wagtail.models import Site

from cms_pages.visibility import without_restricted


def site_chrome(request):
    """Header navigation and footer links of the current site, read lazily."""

    def navigation():
        site = Site.find_for_request(request)
        if site is None:
            return []
        # Titles and URLs only: plain pages spare one query per page type; restrictions are
        # checked in the same query.
        return list(without_restricted(site.root_page.get_children().live().in_menu()))

    def footer_links():
        from cms_pages.models import StandardPage

        return list(
            without_restricted(StandardPage.objects.live())
            .filter(show_in_footer=True)
            .order_by("path")
        )

    return {
        "site_navigation": navigation,
        "site_footer_links": footer_links,
        "map_settings": {
            "tilesUrl": settings.MAP_TILES_URL,
            "tilesAttribution": settings.MAP_TILES_ATTRIBUTION,
            "center": settings.MAP_DEFAULT_CENTER,
            "zoom": settings.MAP_DEFAULT_ZOOM,
        },
    }
