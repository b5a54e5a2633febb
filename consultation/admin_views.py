"""The moderators' admin: contributions as a snippet viewset (reports are the core's:
``moderation.admin_views``).

Contributions are never created here (citizens post them, facilitators capture them); the
edit form only touches moderation fields, and a status change goes through
:mod:`consultation.moderation` so it is logged and the author told.
"""

import django_filters
from django import forms
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn, StatusTagColumn
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.snippets.views.snippets import (
    EditView,
    InspectView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from accounts.models import FORMER_PARTICIPANT
from cms_pages.collation import french
from cms_pages.geo import LocalLeafletField, format_point, parse_point
from cms_pages.models import EventPage, TerritoryPage
from consultation import moderation
from consultation.models import Contribution
from moderation.queues import ModerationQueue
from moderation.reports import open_reports_count

EXCERPT_LENGTH = 90

# Contributions.


class ContributionFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=Contribution.Status.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Contribution.Kind.choices, widget=forms.RadioSelect
    )
    territory = django_filters.ModelChoiceFilter(
        label=_("Territory"), queryset=TerritoryPage.objects.order_by(french())
    )
    event = django_filters.ModelChoiceFilter(
        label=_("Event"), queryset=EventPage.objects.order_by("-start")
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Created"), widget=DateRangePickerWidget
    )
    reported = django_filters.BooleanFilter(
        label=_("With open reports"), method="filter_reported", widget=BooleanRadioSelect
    )

    class Meta:
        model = Contribution
        fields = ["status", "kind", "territory", "event", "created_at"]

    def filter_reported(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(open_reports__gt=0) if value else queryset.filter(open_reports=0)


class ContributionModerationForm(WagtailAdminModelForm):
    """Moderation fields only; hiding or rejecting needs a reason the author will read.

    The point is shown and moved on the local map widget, which binds one EWKT text field
    (``SRID=4326;POINT(lng lat)``) while a contribution stores two floats: ``point`` maps
    between them."""

    point = forms.CharField(
        label=_("Point"),
        required=False,
        max_length=100,
        widget=LocalLeafletField(srid=4326, id_prefix="id_"),
        help_text=_("Moderators see the point as stored; the public map rounds it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.latitude is not None and self.instance.longitude is not None:
            self.initial["point"] = format_point(self.instance.latitude, self.instance.longitude)
        if self.instance.status != Contribution.Status.PENDING and "status" in self.fields:
            # A decision is never undone into "pending": offer the other decisions only.
            self.fields["status"].choices = [
                choice
                for choice in self.fields["status"].choices
                if choice[0] != Contribution.Status.PENDING
            ]

    def clean_point(self):
        if self.add_prefix("point") not in self.data:
            # Not sent (a client without the map): the point stays as it is.
            return None
        point = parse_point(self.cleaned_data.get("point"))
        self.instance.latitude, self.instance.longitude = point if point else (None, None)
        return point

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        previous = self.initial.get("status")
        if status == Contribution.Status.PENDING and previous != Contribution.Status.PENDING:
            self.add_error(
                "status",
                forms.ValidationError(
                    _("A contribution cannot go back to pending moderation."),
                    code="no_return_to_pending",
                ),
            )
        if status in (Contribution.Status.HIDDEN, Contribution.Status.REJECTED):
            try:
                cleaned["moderation_reason"] = moderation.clean_reason(
                    cleaned.get("moderation_reason")
                )
            except forms.ValidationError as error:
                self.add_error("moderation_reason", error)
        return cleaned


class ContributionEditView(EditView):
    def save_instance(self):
        """Save enjeux and tags as an edit, then apply a status change as a decision."""
        status = self.form.cleaned_data["status"]
        reason = self.form.cleaned_data.get("moderation_reason", "")
        instance = self.form.instance
        before = (self.form.initial.get("status"), self.form.initial.get("moderation_reason", ""))
        instance.status, instance.moderation_reason = before
        with transaction.atomic():
            instance = super().save_instance()
            if (status, reason) != before:
                moderation.set_status([instance], self.request.user, status, reason)
                instance.refresh_from_db()
        return instance


class ContributionInspectView(InspectView):
    def get_exact_point_display_value(self):
        if not self.object.has_point:
            return "—"
        lat, lng = self.object.latitude, self.object.longitude
        return format_html(
            '{}, {} — <a href="https://www.openstreetmap.org/?mlat={}&amp;mlon={}#map=17/{}/{}" '
            'target="_blank" rel="noreferrer">{}</a>',
            lat,
            lng,
            lat,
            lng,
            lat,
            lng,
            _("see on OpenStreetMap"),
        )

    def get_field_display_value(self, field_name, field):
        if (
            field_name == "author"
            and self.object.author_id is None
            and self.object.source == Contribution.Source.ONLINE
        ):
            # Posted online, so by an account: one deleted since (accounts.erasure).
            return FORMER_PARTICIPANT
        value = super().get_field_display_value(field_name, field)
        return "—" if value is None or value == "" else value

    def get_field_label(self, field_name, field):
        if field_name == "exact_point":
            return _("Exact point (moderators only)")
        return super().get_field_label(field_name, field)


class ReadOnlyPanel(FieldPanel):
    """Shows a field without a form input: "—" when empty, coordinates with a dot."""

    def __init__(self, field_name, **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, **kwargs)

    def format_value_for_display(self, value):
        if value is None or value == "":
            return "—"
        if isinstance(value, float):
            return str(value)
        return super().format_value_for_display(value)


def read_only(*names):
    return [ReadOnlyPanel(name) for name in names]


class ContributionViewSet(SnippetViewSet):
    model = Contribution
    icon = "comment"
    menu_label = _("Contributions")
    menu_order = 100
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_view_class = ContributionEditView
    inspect_view_class = ContributionInspectView
    filterset_class = ContributionFilterSet
    search_fields = ["title", "text"]
    search_backend_name = None  # plain icontains: the same on SQLite and PostgreSQL
    list_per_page = 50
    inspect_view_fields = [
        "kind",
        "title",
        "text",
        "territory",
        "commune",
        "exact_point",
        "tags",
        "enjeux",
        "source",
        "event",
        "facilitator",
        "author",
        "participant_first_name",
        "participant_age_range",
        "participant_public",
        "status",
        "moderation_reason",
        "moderated_by",
        "moderated_at",
        "support_count",
        "created_at",
    ]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    *read_only("kind", "title", "text", "territory", "commune"),
                    FieldPanel("point"),
                    *read_only("source", "event", "author", "created_at"),
                ],
                heading=_("Contribution"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("status", widget=forms.RadioSelect),
                    FieldPanel("moderation_reason"),
                    FieldPanel("enjeux", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("tags"),
                ],
                heading=_("Moderation"),
            ),
        ],
        base_form_class=ContributionModerationForm,
    )

    @property
    def list_display(self):
        return [
            "__str__",
            Column("excerpt", label=_("Excerpt"), accessor=excerpt),
            Column("kind", label=_("Kind"), accessor="get_kind_display", sort_key="kind"),
            Column("territory", label=_("Territory"), sort_key="territory__title"),
            StatusTagColumn(
                "status",
                label=_("Status"),
                accessor="get_status_display",
                sort_key="status",
                # Highlight what waits for a decision.
                primary=lambda c: c.status == Contribution.Status.PENDING,
            ),
            Column(
                "source",
                label=_("Source"),
                accessor=lambda c: c.event.title if c.event_id else c.get_source_display(),
            ),
            DateColumn("created_at", label=_("Created"), sort_key="created_at"),
            NumberColumn("open_reports", label=_("Open reports"), sort_key="open_reports"),
        ]

    def get_queryset(self, request):
        return Contribution.objects.select_related("territory", "event").annotate(
            open_reports=open_reports_count(Contribution)
        )


class ConsultationAdminGroup(SnippetViewSetGroup):
    """The "Révoltes et rêves" menu of the admin."""

    menu_label = _("Révoltes et rêves")
    menu_icon = "comment"
    menu_order = 250
    items = (ContributionViewSet,)


def excerpt(contribution):
    """The beginning of the text, on one line, for the listing."""
    return Truncator(" ".join(contribution.text.split())).chars(EXCERPT_LENGTH)


def pending_contributions_queue():
    """The dashboard's summary: révoltes and rêves waiting for a decision."""
    return ModerationQueue(
        key="contributions",
        label=_("Pending contributions"),
        count=lambda user: Contribution.objects.filter(status=Contribution.Status.PENDING).count(),
        url=lambda: (
            reverse("wagtailsnippets_consultation_contribution:list")
            + f"?status={Contribution.Status.PENDING}"
        ),
        shown_to=lambda user: user.has_perm("consultation.change_contribution"),
        order=20,
    )
