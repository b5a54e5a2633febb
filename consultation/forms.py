"""Citizens' forms: a new révolte or rêve online, and a report on a contribution.

Every check is made on the server (the browser's limits and the map's script are comfort
only); a form with errors stores nothing.
"""

import math
import unicodedata

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cms_pages.models import Commune, TerritoryPage
from moderation.models import Report

from .areas import has_area, territory_contains
from .models import Contribution
from .tags import MAX_TAGS, TAG_MAX_LENGTH, parse_tags

TEXT_MIN_LENGTH = 10
TEXT_MAX_LENGTH = 2000
TITLE_MAX_LENGTH = 120
# Long enough for five tags of thirty characters with their separators.
TAGS_FIELD_MAX_LENGTH = 200
# A coordinate sent by the map has a few dozen characters at most.
COORDINATE_MAX_LENGTH = 40


def _sort_key(name):
    """French alphabetical order without a locale: accents fold onto their letter."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return folded.casefold()


class LongTextField(forms.CharField):
    """A CharField whose line breaks count as one character, as the browser counts them."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value


class TerritoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class CommuneChoiceField(forms.ChoiceField):
    """A commune of the given territories, grouped by territory in French alphabetical order;
    cleans to the Commune (or None). One query for all the communes."""

    def __init__(self, territories=(), **kwargs):
        super().__init__(**kwargs)
        self.set_territories(territories)

    def set_territories(self, territories):
        groups = {t.pk: [] for t in territories}
        self.communes = {}
        for commune in Commune.objects.filter(territory__in=list(territories)).only(
            "pk", "name", "territory_id"
        ):
            self.communes[commune.pk] = commune
            groups[commune.territory_id].append(commune)
        self.choices = [("", _("No commune in particular"))] + [
            (
                t.title,
                [(c.pk, c.name) for c in sorted(groups[t.pk], key=lambda c: _sort_key(c.name))],
            )
            for t in territories
            if groups[t.pk]
        ]

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            return self.communes[int(value)]
        except (KeyError, ValueError):
            raise ValidationError(
                _("Choose a commune from the list."), code="invalid_choice"
            ) from None

    def valid_value(self, value):
        # The choice is checked in clean(), where the message is ours.
        return True


class ContributionForm(forms.Form):
    """A révolte or a rêve posted online by a signed-in citizen."""

    kind = forms.ChoiceField(
        label=_("This is"),
        choices=Contribution.Kind.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "A révolte is what makes you angry or worried; a rêve is what you wish for "
            "your territory."
        ),
    )
    territory = TerritoryChoiceField(
        label=_("Territory"),
        queryset=TerritoryPage.objects.none(),
        empty_label=_("Choose a territory"),
    )
    commune = CommuneChoiceField(
        label=_("Commune"),
        required=False,
        help_text=_(
            "Optional. Without a point on the map, your contribution is placed in this "
            "commune, or in the whole territory."
        ),
    )
    title = forms.CharField(
        label=_("Short title"),
        max_length=TITLE_MAX_LENGTH,
        required=False,
    )
    text = LongTextField(
        label=_("Your révolte or your rêve"),
        min_length=TEXT_MIN_LENGTH,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 7}),
    )
    tags = forms.CharField(
        label=_("Keywords"),
        max_length=TAGS_FIELD_MAX_LENGTH,
        required=False,
    )
    # Filled by clicking on the map (contribution-form.js); checked here like any input.
    latitude = forms.CharField(
        required=False, max_length=COORDINATE_MAX_LENGTH, widget=forms.HiddenInput
    )
    longitude = forms.CharField(
        required=False, max_length=COORDINATE_MAX_LENGTH, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Help texts with numbers are translated per request, not frozen at import.
        self.fields["title"].help_text = gettext("Optional, at most %(max)s characters.") % {
            "max": TITLE_MAX_LENGTH
        }
        self.fields["text"].help_text = gettext("Between %(min)s and %(max)s characters.") % {
            "min": TEXT_MIN_LENGTH,
            "max": TEXT_MAX_LENGTH,
        }
        self.fields["tags"].help_text = gettext(
            "Optional: up to %(count)s keywords separated by commas, %(max)s characters "
            "each, e.g. “bus, night, safety”."
        ) % {"count": MAX_TAGS, "max": TAG_MAX_LENGTH}
        # The big fields are loaded only for the territory chosen, when its area is checked.
        territories = list(
            TerritoryPage.objects.live().public().defer("boundary", "body").order_by("path")
        )
        self.territories = territories
        self.fields["territory"].queryset = (
            TerritoryPage.objects.live().public().defer("body").order_by("path")
        )
        self.fields["territory"].choices = [("", self.fields["territory"].empty_label)] + [
            (t.pk, t.title) for t in territories
        ]
        self.fields["commune"].set_territories(territories)

    def clean_tags(self):
        return parse_tags(self.cleaned_data["tags"])

    def _coordinate(self, name, low, high):
        raw = self.cleaned_data.get(name, "").strip()
        if not raw:
            return None
        try:
            value = float(raw.replace(",", "."))
        except ValueError:
            raise ValidationError(
                _("The position on the map is not a valid number; place it again."),
                code="invalid",
            ) from None
        if not math.isfinite(value):
            raise ValidationError(
                _("The position on the map is not a valid number; place it again."),
                code="not_finite",
            )
        if not low <= value <= high:
            raise ValidationError(
                _("The position on the map is out of range; place it again."),
                code="out_of_range",
            )
        return value

    def clean_latitude(self):
        return self._coordinate("latitude", -90, 90)

    def clean_longitude(self):
        return self._coordinate("longitude", -180, 180)

    def clean(self):
        cleaned = super().clean()
        territory = cleaned.get("territory")
        commune = cleaned.get("commune")
        if territory and commune and commune.territory_id != territory.pk:
            self.add_error(
                "commune",
                ValidationError(
                    _("%(commune)s is not in %(territory)s: choose one of its communes."),
                    code="commune_outside_territory",
                    params={"commune": commune.name, "territory": territory.title},
                ),
            )
        if "latitude" in cleaned and "longitude" in cleaned:
            self._clean_point(territory, cleaned["latitude"], cleaned["longitude"])
        return cleaned

    def _clean_point(self, territory, latitude, longitude):
        if latitude is None and longitude is None:
            return
        if latitude is None or longitude is None:
            self.add_error(
                "latitude",
                ValidationError(
                    _("The position on the map is incomplete; place it again."),
                    code="incomplete_point",
                ),
            )
            return
        if territory is None:
            return
        if not has_area(territory):
            self.add_error(
                "latitude",
                ValidationError(
                    _(
                        "%(territory)s cannot be shown on the map yet: remove the point and "
                        "choose a commune instead."
                    ),
                    code="territory_without_area",
                    params={"territory": territory.title},
                ),
            )
        elif not territory_contains(territory, latitude, longitude):
            self.add_error(
                "latitude",
                ValidationError(
                    _(
                        "The point is outside %(territory)s: place it inside the territory, "
                        "or choose another territory."
                    ),
                    code="outside_territory",
                    params={"territory": territory.title},
                ),
            )

    def territory_slugs(self):
        """``{territory id: slug}`` for the map script, which fetches the outline by slug."""
        return {str(t.pk): t.slug for t in self.territories}

    def save(self, author):
        """Store the contribution (call inside a transaction) and return it."""
        data = self.cleaned_data
        contribution = Contribution.objects.create(
            kind=data["kind"],
            title=data["title"],
            text=data["text"],
            territory=data["territory"],
            commune=data["commune"],
            latitude=data["latitude"],
            longitude=data["longitude"],
            source=Contribution.Source.ONLINE,
            author=author,
            status=(
                Contribution.Status.PENDING
                if settings.CONTRIBUTIONS_PREMODERATION
                else Contribution.Status.PUBLISHED
            ),
        )
        if data["tags"]:
            contribution.tags.set(data["tags"])
        return contribution


class ReportForm(forms.ModelForm):
    """Why a citizen reports a contribution."""

    class Meta:
        model = Report
        fields = ["reason", "details"]
        labels = {"reason": _("Why are you reporting it?"), "details": _("Details")}
        help_texts = {"details": _("Optional, at most 1000 characters.")}
        widgets = {
            "reason": forms.RadioSelect,
            "details": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = Report.Reason.choices
