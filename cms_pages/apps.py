from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _

from . import checks  # noqa: F401 - registers the plugins' system checks
from .collation import register_sqlite_collation


class CmsPagesConfig(AppConfig):
    name = "cms_pages"
    verbose_name = _("Pages")

    def ready(self):
        from .page_cache import invalidation  # noqa: PLC0415 - imports Wagtail's models

        connection_created.connect(register_sqlite_collation, dispatch_uid="cms_pages_fr_collation")
        invalidation.connect()
