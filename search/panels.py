"""The search box in the header of every page, with its styles and its suggestions' script."""

from django.forms.widgets import Script

from cms_pages.panels import PagePanel


class HeaderSearchPanel(PagePanel):
    """The site's search form, beside the site's name."""

    template_name = "search/panels/header_search.html"
    order = 400

    class Media:
        css = {"all": ["search/search.css"]}
        js = [Script("search/search-suggest.js", defer=True)]


def page_panels(slot, page, request):
    return [HeaderSearchPanel(slot, page, request)] if slot == "header" else []
