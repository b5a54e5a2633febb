from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # Imported here: the sites module reaches models, which need the apps loaded.
        from .sites import sync_site  # noqa: PLC0415 - models are not ready at import time

        # Once per migrate (sender: this app), whatever the apps migrated.
        post_migrate.connect(sync_site, sender=self, dispatch_uid="accounts.sync_site")
