"""An example reportable for the moderation tests: citizens' accounts, built on the core only
(``accounts.User``), so that the core's registry and view are tested without any plugin."""

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from moderation.registry import Reportable

User = get_user_model()


class AccountReportable(Reportable):
    """An active account may be reported by anyone else; ``hide_threshold`` distinct
    reporters deactivate it pending review."""

    model = User
    label = "account"
    title = gettext_lazy("Report a contribution")  # an existing translation will do
    lead = "Say why."
    back_label = "Back to “%(title)s”"
    thanks = "Thanks."
    already = "Already."
    hide_threshold = 2

    def __init__(self):
        self.locked = []  # what was locked to file a report, in order
        self.hidden = []  # (target, reporters) of each hiding

    def get_target(self, request, pk):
        return get_object_or_404(User, pk=pk, is_active=True)

    def can_report(self, user, target):
        return user.pk != target.pk

    def get_url(self, request, target):
        return f"/profil/{target.pk}/"

    def get_back_label_values(self, target):
        return {"title": target.display_name}

    def quote(self, target):
        return target.display_name, "Son texte de présentation."

    def lock(self, target):
        self.locked.append(target.pk)
        return User.objects.select_for_update().get(pk=target.pk)

    def can_hide(self, target):
        return target.is_active

    def hide(self, target, reporters):
        target.is_active = False
        target.save(update_fields=["is_active"])
        self.hidden.append((target.pk, reporters))
