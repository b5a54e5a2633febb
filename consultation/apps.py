from django.utils.translation import gettext_lazy as _

from cms_pages import plugins


class ConsultationConfig(plugins.PluginConfig):
    name = "consultation"
    verbose_name = _("Révoltes et rêves")
    urls = "consultation.urls"

    def ready(self):
        super().ready()
        from . import geo  # noqa: F401, PLC0415 - connects the communes' point signals
