"""The filters shared by the map page, its list, the GeoJSON and the CSV.

One FilterSet read from the query string, so the page, the map and the open data always
select the same contributions and the filters' state lives in the URL. An invalid value
(unknown territory slug, a word for a date) is a form error: the page shows it, the APIs
answer 400.
"""

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import Page

from cms_pages.collation import french
from cms_pages.models import EnjeuPage, EventPage, TerritoryPage
from consultation.models import Contribution

# Far enough for any real period, near enough that a day more never overflows.
EARLIEST_DATE = datetime.date(2000, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)


def public_pages(model, request):
    """Live pages of ``model`` outside any view restriction.

    Wagtail's ``public()`` reads the restrictions on each call; the map page needs it for
    three filters and the counts, so the condition is read once per request.
    """
    private = getattr(request, "_private_pages_q", None)
    if private is None:
        private = Page.objects.all().private_q()
        if request is not None:
            request._private_pages_q = private
    return model.objects.live().exclude(private)


def live_territories(request):
    return public_pages(TerritoryPage, request).order_by(french())


def live_enjeux(request):
    return public_pages(EnjeuPage, request).order_by(french())


def live_events(request):
    return public_pages(EventPage, request).order_by("-start")


def start_of_day(day):
    """The first instant of ``day`` in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class PageIdChoiceField(django_filters.fields.ModelChoiceField):
    """A page chosen by id; an id no database integer can hold is an invalid choice (SQLite
    would raise OverflowError on it)."""

    MAX_ID = 2**31 - 1

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if not text.isdecimal() or len(text) > 10 or int(text) > self.MAX_ID:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(text)


class PageIdFilter(django_filters.ModelChoiceFilter):
    field_class = PageIdChoiceField


class ContributionFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("du"), cleaned.get("au")
        if start and end and start > end:
            raise ValidationError(
                _("The start of the period is after its end."), code="period_reversed"
            )
        return cleaned


def date_filter(label, method):
    return django_filters.DateFilter(
        label=label,
        method=method,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[MinValueValidator(EARLIEST_DATE), MaxValueValidator(LATEST_DATE)],
    )


class ContributionFilter(django_filters.FilterSet):
    """kind, territoire (slug), enjeu (slug), evenement (id), du / au (dates of creation)."""

    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Contribution.Kind.choices, empty_label=_("Révoltes and rêves")
    )
    territoire = django_filters.ModelChoiceFilter(
        label=_("Territory"),
        field_name="territory",
        queryset=live_territories,
        to_field_name="slug",
        empty_label=_("All territories"),
    )
    enjeu = django_filters.ModelChoiceFilter(
        label=_("Enjeu"),
        field_name="enjeux",
        queryset=live_enjeux,
        to_field_name="slug",
        empty_label=_("All enjeux"),
    )
    evenement = PageIdFilter(
        label=_("Event"),
        field_name="event",
        queryset=live_events,
        empty_label=_("All events"),
    )
    du = date_filter(pgettext_lazy("period", "From"), "filter_from")
    au = date_filter(pgettext_lazy("period", "To"), "filter_to")

    class Meta:
        model = Contribution
        fields = []
        form = ContributionFilterForm

    def filter_from(self, queryset, name, value):
        return queryset.filter(created_at__gte=start_of_day(value))

    def filter_to(self, queryset, name, value):
        return queryset.filter(created_at__lt=start_of_day(value + datetime.timedelta(days=1)))


def published_filter(request):
    """The FilterSet over published contributions, bound to the request's query string."""
    return ContributionFilter(
        request.GET, queryset=Contribution.objects.published(), request=request
    )


def filter_errors(filterset):
    """``{field: [message, ...]}`` of an invalid FilterSet, for the APIs' 400 answers."""
    return {
        field: [str(message) for message in messages]
        for field, messages in filterset.errors.items()
    }
