from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsPagesConfig(AppConfig):
    name = "cms_pages"
    verbose_name = _("Pages")

    def ready(self):
        from . import checks  # noqa: F401 - registers the checks once the apps are loaded
