"""Values every page template needs: navigation, footer links, map settings."""

from dataclasses import dataclass

from django.conf import settings
from wagtail.models import Site

from cms_pages import fragments
from cms_pages.models import StandardPage
from cms_pages.page_cache.versions import SITE
from cms_pages.panels import CHROME_SLOTS, SlotPanels
from cms_pages.visibility import of_installed_types, without_restricted


@dataclass(frozen=True)
class MenuLink:
    """A page of a menu as the menus show it, kept in the fragment cache for every visitor
    (``site`` is bumped by any change of a page of the menus)."""

    pk: int
    title: str
    url: str
    # Wagtail's tree path: tells the menu entry of the current page's section.
    path: str


def menu_links(pages, request):
    return [
        MenuLink(page.pk, page.title, page.get_url(request=request) or "", page.path)
        for page in pages
    ]


def site_chrome(request):
    """Header navigation, footer links and the plugins' panels of the header, main navigation
    and footer (``chrome_panels``, each slot built when first shown) of the current site, read
    lazily."""

    def navigation():
        site = Site.find_for_request(request)
        if site is None:
            return []

        def links():
            # Titles and URLs only: plain pages spare one query per page type; restrictions
            # are checked in the same query, and pages of a plugin switched off are left out.
            children = site.root_page.get_children().live().in_menu()
            return menu_links(of_installed_types(without_restricted(children)), request)

        return fragments.cached("navigation", [SITE], links, vary=[site.pk], request=request)

    def footer_links():
        def links():
            pages = (
                without_restricted(StandardPage.objects.live())
                .filter(show_in_footer=True)
                .order_by("path")
            )
            return menu_links(pages, request)

        site = Site.find_for_request(request)
        return fragments.cached(
            "footer-links", [SITE], links, vary=[site.pk if site else ""], request=request
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
