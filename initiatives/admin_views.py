"""The moderators' and editors' flat listing of initiatives in the admin, filtered by territory,
enjeu, maturity and workflow state (the page tree shows them too, under the planisphère)."""

import django_filters
import rules
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import WorkflowState

from accounts.rules import is_editor, is_moderator
from cms_pages.collation import french
from cms_pages.models import EnjeuPage, TerritoryPage

from .models import InitiativePage

IN_MODERATION = "in_moderation"
CHANGES_REQUESTED = "changes_requested"
NO_MODERATION = "none"
WITHOUT_PORTEUR = "none"

may_see_listing = is_editor | is_moderator | rules.is_superuser


def _pages_in_workflow(statuses):
    """Subquery: ids of the initiatives with a workflow state in ``statuses``."""
    return (
        WorkflowState.objects.filter(
            content_type=ContentType.objects.get_for_model(InitiativePage), status__in=statuses
        )
        .annotate(page_id=Cast("object_id", IntegerField()))
        .values("page_id")
    )


class WorkflowStatusFilter(django_filters.ChoiceFilter):
    def filter(self, qs, value):
        if value == IN_MODERATION:
            return qs.filter(pk__in=_pages_in_workflow([WorkflowState.STATUS_IN_PROGRESS]))
        if value == CHANGES_REQUESTED:
            return qs.filter(pk__in=_pages_in_workflow([WorkflowState.STATUS_NEEDS_CHANGES]))
        if value == NO_MODERATION:
            return qs.exclude(
                pk__in=_pages_in_workflow(
                    [WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES]
                )
            )
        return qs


class InitiativeFilterSet(PageFilterSet):
    territories = django_filters.ModelMultipleChoiceFilter(
        label=_("Territory"),
        queryset=TerritoryPage.objects.defer("boundary").order_by(french()),
        widget=forms.CheckboxSelectMultiple,
    )
    enjeux = django_filters.ModelMultipleChoiceFilter(
        label=_("Enjeu"),
        queryset=EnjeuPage.objects.order_by(french()),
        widget=forms.CheckboxSelectMultiple,
    )
    maturity = django_filters.MultipleChoiceFilter(
        label=_("Maturity"),
        choices=InitiativePage.Maturity.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    workflow = WorkflowStatusFilter(
        label=_("Moderation"),
        choices=[
            (IN_MODERATION, _("Awaiting moderation")),
            (CHANGES_REQUESTED, _("Changes requested")),
            (NO_MODERATION, _("No moderation in progress")),
        ],
        empty_label=_("Any"),
        widget=forms.RadioSelect,
    )

    porteur = django_filters.ChoiceFilter(
        label=_("Porteurs"),
        choices=[(WITHOUT_PORTEUR, _("Without a porteur (their account was deleted)"))],
        method="filter_porteur",
        empty_label=_("Any"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = InitiativePage
        fields = []

    def filter_porteur(self, queryset, name, value):
        return (
            queryset.filter(porteur_vacancy__isnull=False) if value == WITHOUT_PORTEUR else queryset
        )


class InitiativesMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_listing.test(request.user)


class InitiativeListingViewSet(PageListingViewSet):
    model = InitiativePage
    icon = "group"
    menu_label = _("Initiatives")
    menu_name = "initiatives"
    add_to_admin_menu = True
    menu_order = 250
    filterset_class = InitiativeFilterSet
    columns = [
        *PageListingViewSet.columns,
        Column("maturity", label=_("Maturity"), accessor="get_maturity_display", width="14%"),
    ]

    @property
    def menu_item_class(self):
        return InitiativesMenuItem
