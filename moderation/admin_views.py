"""The moderators' queue of reports in the Wagtail admin: every report, whatever its target,
as a snippet viewset (open ones first); a moderator reads it, goes to its target and marks it
resolved. Reports come from the public site only: nobody adds one here."""

import django_filters
from django import forms
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import InspectView, SnippetViewSet

from accounts.models import public_name_of

from .models import Report
from .registry import get_reportable, reportables


class NoCreationPolicy(ModelPermissionPolicy):
    """Django model permissions, minus "add": these rows come from the public site."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a != "add"])


class ReportFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Report.Status.choices, widget=forms.RadioSelect
    )
    reason = django_filters.ChoiceFilter(label=_("Reason"), choices=Report.Reason.choices)

    class Meta:
        model = Report
        fields = ["status", "reason"]


def describe_target(report):
    """The reported object in words (``Reportable.describe``), or its kind once deleted."""
    content_type = report.content_type
    reportable = get_reportable(f"{content_type.app_label}.{content_type.model}")
    kind = capfirst(reportable.label if reportable else content_type.name)
    if report.target is None:
        return _("%(kind)s (deleted)") % {"kind": kind}
    return reportable.describe(report.target) if reportable else f"{kind} · {report.target}"


class ReportInspectView(InspectView):
    def get_field_display_value(self, field_name, field):
        if field_name == "target":
            return describe_target(self.object)
        if field_name == "reporter":
            return public_name_of(self.object.reporter)
        return super().get_field_display_value(field_name, field)


class ReportViewSet(SnippetViewSet):
    model = Report
    icon = "warning"
    menu_label = _("Reports")
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = ReportInspectView
    filterset_class = ReportFilterSet
    search_fields = ["details"]
    search_backend_name = None
    ordering = ["status", "-created_at"]  # open ones first
    panels = [FieldPanel("status", widget=forms.RadioSelect)]
    inspect_view_fields = ["target", "reason", "details", "reporter", "status", "created_at"]

    @property
    def list_display(self):
        return [
            TitleColumn(
                "target",
                label=_("Reported"),
                accessor=self.target_label,
                get_url=self.target_admin_url,
            ),
            Column("reason", label=_("Reason"), accessor="get_reason_display", sort_key="reason"),
            Column(
                "details", label=_("Details"), accessor=lambda r: Truncator(r.details).chars(120)
            ),
            Column("reporter", label=_("Reporter"), accessor=lambda r: public_name_of(r.reporter)),
            StatusTagColumn(
                "status",
                label=_("Status"),
                accessor="get_status_display",
                sort_key="status",
                primary=lambda r: r.status == Report.Status.OPEN,
            ),
            DateColumn("created_at", label=_("Reported on"), sort_key="created_at"),
        ]

    def target_label(self, report):
        return describe_target(report)

    def target_admin_url(self, report):
        if report.target is None:
            return None
        return AdminURLFinder().get_edit_url(report.target)

    def get_queryset(self, request):
        targets = [reportable.admin_queryset() for reportable in reportables().values()]
        return Report.objects.select_related("reporter", "content_type").prefetch_related(
            GenericPrefetch("target", targets)
        )
