from django.utils.translation import gettext_lazy as _

from cms_pages import plugins


class ConsultationConfig(plugins.PluginConfig):
    name = "consultation"
    verbose_name = _("Révoltes et rêves")
    urls = "consultation.urls"

    def ready(self):
        super().ready()
        from cms_pages.page_cache import invalidation  # noqa: PLC0415

        from . import geo  # noqa: F401, PLC0415 - connects the communes' point signals
        from .models import Contribution, Support  # noqa: PLC0415

        invalidation.watch(Contribution)
        invalidation.watch(Support)
