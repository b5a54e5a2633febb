from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # Imported here: these modules reach models, which need the apps loaded. data_export
        # and erasure connect receivers: deleting a data export's file with its row, erasing a
        # user deleted without accounts.erasure.
        from . import data_export, erasure, public_names  # noqa: F401, PLC0415
        from .retention import clear_inactivity_warning  # noqa: PLC0415 - models are not ready
        from .sites import sync_site  # noqa: PLC0415 - models are not ready at import time

        # Once per migrate (sender: this app), whatever the apps migrated.
        post_migrate.connect(sync_site, sender=self, dispatch_uid="accounts.sync_site")
        # Every login (allauth's too: it logs in through Django's ``login``) keeps an account
        # that was warned of its deletion for inactivity.
        user_logged_in.connect(
            clear_inactivity_warning, dispatch_uid="accounts.clear_inactivity_warning"
        )
