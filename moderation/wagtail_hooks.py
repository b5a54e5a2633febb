"""Admin registration of the core's moderation: the moderators' queue of reports and the label
of the report audit action. What can be reported is registered by the plugins
(``cms_pages.extension_points.REPORTABLE``, see ``moderation.registry``)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .admin_views import NoCreationPolicy, ReportViewSet
from .audit import RESOLVE_REPORT
from .models import Report

# Before the viewset: Wagtail refuses a policy registered after its fallback was created.
register_permission_policy(Report, NoCreationPolicy(Report))

register_snippet(ReportViewSet)


@hooks.register("register_log_actions")
def register_report_log_actions(actions):
    actions.register_action(RESOLVE_REPORT, _("Resolve report"), _("Report resolved"))
