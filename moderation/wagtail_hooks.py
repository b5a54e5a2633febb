"""Admin registration of the core's moderation: the moderators' queue of reports, the label
of the report audit action and the dashboard's summary of every moderation queue (the
plugins give theirs: ``cms_pages.extension_points.MODERATION_QUEUES``). What can be reported
is registered by the plugins (``cms_pages.extension_points.REPORTABLE``, see
``moderation.registry``)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from accounts.rules import is_moderator
from cms_pages.extension_points import MODERATION_QUEUES

from .admin_views import NoCreationPolicy, ReportViewSet
from .audit import RESOLVE_REPORT
from .models import Report
from .queues import ModerationQueue, ModerationSummaryPanel, reports_url, summary

# Before the viewset: Wagtail refuses a policy registered after its fallback was created.
register_permission_policy(Report, NoCreationPolicy(Report))

register_snippet(ReportViewSet)


@hooks.register("register_log_actions")
def register_report_log_actions(actions):
    actions.register_action(RESOLVE_REPORT, _("Resolve report"), _("Report resolved"))


def sees_reports(user):
    return user.is_superuser or is_moderator(user)


@hooks.register(MODERATION_QUEUES)
def register_report_queue():
    """Open reports, whatever their target."""
    return ModerationQueue(
        key="reports",
        label=_("Open reports"),
        count=lambda user: Report.objects.filter(status=Report.Status.OPEN).count(),
        url=reports_url,
        shown_to=sees_reports,
        order=10,
    )


@hooks.register("construct_homepage_panels")
def add_moderation_summary_panel(request, panels):
    """One panel with every moderation queue the user handles, its count and a link."""
    rows = summary(request.user)
    if rows:
        panels.append(ModerationSummaryPanel(rows))
