"""A minimal plugin, as a new one would start: a territory panel, a search source and a demo
loader, registered with the core's extension points and nothing else.

A real plugin is an app with a ``PluginConfig`` (its ``apps.py``), whose ``wagtail_hooks.py``
registers the same functions with ``@hooks.register(NAME)`` and whose ``search_documents.py``
calls ``search.registry.register``. Wagtail reads hooks once per process, so this one is
switched on for a test at a time by :func:`installed`.
"""

from contextlib import contextmanager

from django.forms import Media
from django.utils.html import format_html
from wagtail import hooks

from cms_pages.extension_points import DEMO_CONTENT, PAGE_PANELS
from cms_pages.models import HomePage, StandardPage
from cms_pages.panels import PagePanel
from search import registry

DEMO_SLUG = "exemple-de-plugin"


class WelcomePanel(PagePanel):
    """A line on each territory page, with a style sheet of its own."""

    order = 50
    query_budget = 0
    media = Media(css={"all": ["example_plugin/welcome.css"]})

    def render_html(self, parent_context=None):
        return format_html(
            '<p class="example-welcome">Bienvenue sur le territoire {}</p>', self.page.title
        )


def territory_panels(slot, page, request):
    if slot == "territory":
        return [WelcomePanel(slot, page, request)]
    return None


def home_page_source():
    """The home page in the search, which the core leaves out."""
    return registry.Source(
        model=HomePage,
        kinds={"accueil": "Accueil"},
        public=lambda: HomePage.objects.live(),
        document=lambda page: registry.Document(
            kind="accueil", title=page.title, url=page.get_url() or "", text="Zéphyrin"
        ),
    )


def load_demo(stdout):
    """A standard page under the home page, once."""
    home = HomePage.objects.first()
    if not StandardPage.objects.filter(slug=DEMO_SLUG).exists():
        home.add_child(instance=StandardPage(title="Exemple de plugin", slug=DEMO_SLUG))
        stdout.write("Example plugin: 1 page created.")


@contextmanager
def installed(monkeypatch):
    """The plugin registered for the duration of the block."""
    source = home_page_source()
    monkeypatch.setitem(registry._sources, source.model, source)
    with (
        hooks.register_temporarily(PAGE_PANELS, territory_panels),
        hooks.register_temporarily(DEMO_CONTENT, load_demo, order=950),
    ):
        yield
    monkeypatch.delitem(registry._sources, source.model)
