from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from . import checks  # noqa: F401 - registers the plugins' system checks


class CmsPagesConfig(AppConfig):
    name = "cms_pages"
    verbose_name = _("Pages")
