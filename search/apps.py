from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = pgettext_lazy("noun", "Search")

    def ready(self):
        from . import registry

        registry.autodiscover()
