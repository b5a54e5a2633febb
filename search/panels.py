"""The search box in the header of every page, with its styles and its suggestions' script;
the search's section of the privacy notice."""

from django.forms.widgets import Script

from cms_pages.panels import PagePanel


class HeaderSearchPanel(PagePanel):
    """The site's search form, beside the site's name."""

    template_name = "search/panels/header_search.html"
    order = 400

    class Media:
        css = {"all": ["search/search.css"]}
        js = [Script("search/search-suggest.js", defer=True)]


class PrivacyPanel(PagePanel):
    """What the search keeps (no query typed, only copies of public content), in the privacy
    notice. No query."""

    template_name = "search/panels/privacy.html"
    order = 900


PANELS = {"header": [HeaderSearchPanel], "privacy": [PrivacyPanel]}


def page_panels(slot, page, request):
    return [panel(slot, page, request) for panel in PANELS.get(slot, ())]
