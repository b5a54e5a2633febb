from django.utils.translation import gettext_lazy as _

from cms_pages import plugins


class InitiativesConfig(plugins.PluginConfig):
    name = "initiatives"
    verbose_name = _("Initiatives")
    # The lineage of an initiative (the révoltes and rêves it came from) is consultation's.
    required_plugins = ("consultation",)
    urls = "initiatives.urls"

    def ready(self):
        from cms_pages.page_cache import invalidation  # noqa: PLC0415

        from . import signals  # noqa: F401, PLC0415 - receivers connect once the models are ready
        from .models import InitiativePage, Membership, PorteurVacancy  # noqa: PLC0415

        for model in (InitiativePage, Membership, PorteurVacancy):
            invalidation.watch(model)
