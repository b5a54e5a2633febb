"""``/sitemap.xml``: the live public pages, then what each installed plugin registers."""

from wagtail import hooks
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from .extension_points import SITEMAP_ITEMS
from .visibility import of_installed_types, without_unlisted


class PageSitemap(WagtailSitemap):
    """Live, public pages whose type is installed (a plugin switched off leaves its pages),
    but those a plugin keeps out of lists."""

    def items(self):
        return without_unlisted(of_installed_types(super().items()))


def sitemaps():
    """``{name: Sitemap}``: the pages first, then every plugin's sections."""
    sections = {"pages": PageSitemap}
    for fn in hooks.get_hooks(SITEMAP_ITEMS):
        sections.update(fn())
    return sections
