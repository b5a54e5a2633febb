from django.utils.translation import pgettext_lazy

from cms_pages import plugins


class SearchConfig(plugins.PluginConfig):
    name = "search"
    label = "search"
    verbose_name = pgettext_lazy("noun", "Search")
    urls = "search.urls"
    url_prefix = "recherche/"

    def ready(self):
        from . import registry, signals  # noqa: PLC0415 - models are ready only now

        registry.autodiscover()
        signals.connect()
