"""The planisphère's filters, shared by its list and its GeoJSON.

One FilterSet read from the query string (territoire, enjeu, maturite, finalite,
organisation), so the list, the map and the URL always agree. An invalid value (an unknown
territory slug, a maturity that does not exist) is a form error: the page shows it, the
GeoJSON answers 400.
"""

import django_filters
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from cms_pages.collation import french
from cms_pages.models import EnjeuPage, TerritoryPage

from .models import InitiativePage
from .public import live_pages, published_initiatives


def live_territories(request=None):
    return live_pages(TerritoryPage).order_by(french())


def live_enjeux(request=None):
    return live_pages(EnjeuPage).order_by(french())


class InitiativeFilter(django_filters.FilterSet):
    """territoire (slug), enjeu (slug), maturite, finalite, organisation (choice values).

    The live territories and enjeux are read once, when first needed (``territories``,
    ``enjeux``): they give the choices, check the chosen slug and name the counts."""

    territoire = django_filters.ChoiceFilter(
        label=_("Territory"), method="filter_territory", empty_label=_("All territories")
    )
    enjeu = django_filters.ChoiceFilter(
        label=_("Enjeu"), method="filter_enjeu", empty_label=_("All enjeux")
    )
    maturite = django_filters.ChoiceFilter(
        label=_("Maturity"),
        field_name="maturity",
        choices=InitiativePage.Maturity.choices,
        empty_label=_("All maturities"),
    )
    finalite = django_filters.ChoiceFilter(
        label=_("Economic purpose"),
        field_name="economic_purpose",
        choices=InitiativePage.EconomicPurpose.choices,
        empty_label=_("All economic purposes"),
    )
    organisation = django_filters.ChoiceFilter(
        label=_("Organisation mode"),
        field_name="organisation_mode",
        choices=InitiativePage.OrganisationMode.choices,
        empty_label=_("All organisation modes"),
    )

    class Meta:
        model = InitiativePage
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Callables: read only when the form is shown or a slug is checked, so that the
        # GeoJSON without these filters does not query them.
        self.filters["territoire"].extra["choices"] = lambda: [
            (t.slug, t.title) for t in self.territories
        ]
        self.filters["enjeu"].extra["choices"] = lambda: [(e.slug, e.title) for e in self.enjeux]

    @cached_property
    def territories(self):
        return list(live_territories().only("id", "title", "slug"))

    @cached_property
    def enjeux(self):
        return list(live_enjeux().only("id", "title", "slug", "colour"))

    def filter_territory(self, queryset, name, value):
        pks = [t.pk for t in self.territories if t.slug == value]
        return queryset.filter(territories__in=pks)

    def filter_enjeu(self, queryset, name, value):
        pks = [e.pk for e in self.enjeux if e.slug == value]
        return queryset.filter(enjeux__in=pks)


def published_filter(request):
    """The FilterSet over the planisphère's initiatives (published ones), bound to the
    request's query string."""
    return InitiativeFilter(request.GET, queryset=published_initiatives(), request=request)


def filter_errors(filterset):
    """``{field: [message, ...]}`` of an invalid FilterSet, for the GeoJSON's 400 answer."""
    return {
        field: [str(message) for message in messages]
        for field, messages in filterset.errors.items()
    }
