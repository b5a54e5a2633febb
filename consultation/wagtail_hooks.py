"""Admin registration for révoltes and rêves: the "Révoltes et rêves" menu (contributions,
reports), the moderation bulk actions and the labels of the moderation audit log."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from consultation import (
    admin_import,  # noqa: F401  (registers the import view's hooks)
    moderation,
)
from consultation.admin_bulk_actions import BULK_ACTIONS
from consultation.admin_views import ConsultationAdminGroup, NoCreationPolicy
from consultation.models import Contribution
from moderation.models import Report

# Before the viewsets: Wagtail refuses a policy registered after its fallback was created.
register_permission_policy(Contribution, NoCreationPolicy(Contribution))
register_permission_policy(Report, NoCreationPolicy(Report))

register_snippet(ConsultationAdminGroup)

for bulk_action in BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action)


class ReasonFormatter(LogFormatter):
    """Shows the moderator's reason as the entry's comment."""

    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("reason", "")


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    for action, label, message in [
        (moderation.PUBLISH, _("Publish contribution"), _("Contribution published")),
        (moderation.HIDE, _("Hide contribution"), _("Contribution hidden")),
        (moderation.REJECT, _("Reject contribution"), _("Contribution rejected")),
    ]:
        actions.register_action(action)(
            type("Formatter", (ReasonFormatter,), {"label": label, "message": message})
        )

    @actions.register_action(moderation.LINK_ENJEU)
    class LinkEnjeuFormatter(LogFormatter):
        label = _("Link contribution to an enjeu")

        def format_message(self, log_entry):
            title = ((log_entry.data or {}).get("enjeu") or {}).get("title", "")
            return _("Linked to the enjeu “%(enjeu)s”") % {"enjeu": title}

    actions.register_action(moderation.RESOLVE_REPORT, _("Resolve report"), _("Report resolved"))
