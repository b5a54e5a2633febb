"""One paper contribution typed in by a facilitator, for one event.

The capture page and the file import both validate through ``CaptureForm``, so a row typed
in by hand and a row read from a spreadsheet obey exactly the same rules. The choices open to
an event (its territories and their communes) are loaded once in ``EventChoices`` and shared
by every form of a request or an import: validating ten thousand rows costs no query per row.
"""

import hashlib
import unicodedata

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.choices import BaseChoiceIterator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from cms_pages.areas import (
    nearest_centre_is,
    point_in_geometry,
    territory_bbox,
    territory_boundary,
)
from cms_pages.collation import french
from cms_pages.forms import LongTextField
from cms_pages.models import Commune, TerritoryPage
from cms_pages.tags import MAX_TAGS, parse_tags

from .models import Contribution

TEXT_MAX_LENGTH = 2000
TITLE_MAX_LENGTH = 120
FIRST_NAME_MAX_LENGTH = 60
# The same keyword rules as the online form.
TAGS_FIELD_MAX_LENGTH = 200


def fold(value):
    """Lower-case ASCII letters and digits only, so that « Tranche d'âge » matches
    « tranche_d_age » and « Rêve » matches « reve »."""
    text = str(value).replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum()).lower()


def contribution_key(event, kind, territory, text, first_name):
    """The fingerprint that keeps a row from being stored twice for one event."""
    normalised_text = " ".join(unicodedata.normalize("NFC", text).split()).casefold()
    parts = [str(event.pk), kind, str(territory.pk), normalised_text, first_name.strip().casefold()]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def initial_status():
    """Pending under pre-moderation (the default), published under post-moderation."""
    if settings.CONTRIBUTIONS_PREMODERATION:
        return Contribution.Status.PENDING
    return Contribution.Status.PUBLISHED


class FixedChoices(BaseChoiceIterator):
    """Choices already in Django's normal form: assigned to a field without being normalised
    again, which would cost more than validating the row."""

    def __init__(self, choices):
        self.choices = choices

    def __iter__(self):
        return iter(self.choices)


class EventChoices:
    """The territories (with their communes) a contribution from ``event`` may name.

    When the event names territories, only those; otherwise any published territory.
    """

    def __init__(self, event):
        self.event = event
        territories = TerritoryPage.objects.live().public().defer("body").order_by(french())
        own = list(territories.filter(events=event))
        self.restricted = bool(own)
        self.territories = own or list(territories)
        self.by_pk = {t.pk: t for t in self.territories}
        self.communes = {c.pk: c for c in Commune.objects.filter(territory__in=self.territories)}
        self._areas = {}
        self._others = None

    @property
    def default_territory(self):
        """The event's territory when it has exactly one."""
        return self.territories[0] if self.restricted and len(self.territories) == 1 else None

    @cached_property
    def territory_choices(self):
        return FixedChoices(
            [("", _("Choose a territory"))] + [(t.pk, t.title) for t in self.territories]
        )

    @cached_property
    def commune_choices(self):
        groups = {t.pk: [] for t in self.territories}
        for commune in self.communes.values():
            groups[commune.territory_id].append(commune)
        return FixedChoices(
            [("", _("No commune in particular"))]
            + [
                (
                    t.title,
                    [(c.pk, c.name) for c in sorted(groups[t.pk], key=lambda c: fold(c.name))],
                )
                for t in self.territories
                if groups[t.pk]
            ]
        )

    def contains(self, territory, latitude, longitude):
        """True if the point lies in the territory's area (see cms_pages.areas), the
        boundary being parsed once per import rather than once per row."""
        if territory.pk not in self._areas:
            self._areas[territory.pk] = (territory_boundary(territory), territory_bbox(territory))
        geometry, bbox = self._areas[territory.pk]
        if geometry:
            return point_in_geometry(geometry, latitude, longitude)
        if bbox is None:
            return False
        west, south, east, north = bbox
        if not (west <= longitude <= east and south <= latitude <= north):
            return False
        # No boundary: the nearest territory centre decides (read once per import).
        if self._others is None:
            self._others = list(
                TerritoryPage.objects.only("pk", "latitude", "longitude", "boundary")
            )
        others = [other for other in self._others if other.pk != territory.pk]
        return nearest_centre_is(territory, latitude, longitude, others)


class CoordinateField(forms.FloatField):
    """A decimal degree; French spreadsheets write « 47,63 »."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class CaptureForm(forms.Form):
    """A révolte or rêve said at ``event``, with who said it (all optional, no account)."""

    kind = forms.ChoiceField(
        label=_("This is"), choices=Contribution.Kind.choices, widget=forms.RadioSelect
    )
    territory = forms.TypedChoiceField(label=_("Territory"), coerce=int)
    commune = forms.TypedChoiceField(
        label=_("Commune"), coerce=int, required=False, empty_value=None
    )
    text = LongTextField(
        label=_("Text"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("As written on the card, at most %(max)s characters.")
        % {"max": TEXT_MAX_LENGTH},
    )
    title = forms.CharField(label=_("Short title"), max_length=TITLE_MAX_LENGTH, required=False)
    tags = forms.CharField(
        label=_("Keywords"),
        max_length=TAGS_FIELD_MAX_LENGTH,
        required=False,
        help_text=_("Up to %(count)s, separated by commas.") % {"count": MAX_TAGS},
    )
    participant_first_name = forms.CharField(
        label=_("First name"), max_length=FIRST_NAME_MAX_LENGTH, required=False
    )
    participant_age_range = forms.ChoiceField(
        label=_("Age range"),
        choices=[("", _("Not given")), *Contribution.AgeRange.choices],
        required=False,
    )
    participant_public = forms.ChoiceField(
        label=_("Kind of public"),
        choices=[("", _("Not given")), *Contribution.Public.choices],
        required=False,
    )
    latitude = CoordinateField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    longitude = CoordinateField(label=_("Longitude"), required=False, min_value=-180, max_value=180)

    PARTICIPANT_FIELDS = ("participant_first_name", "participant_age_range", "participant_public")

    def __init__(self, *args, choices, with_point=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = choices
        territory = self.fields["territory"]
        territory.choices = choices.territory_choices
        territory.error_messages["invalid_choice"] = (
            _("Choose one of the event's territories.")
            if choices.restricted
            else _("Choose a territory from the list.")
        )
        if choices.default_territory:
            territory.initial = choices.default_territory.pk
        self.fields["commune"].choices = choices.commune_choices
        self.fields["commune"].error_messages["invalid_choice"] = _(
            "Choose a commune of the territory."
        )
        if not with_point:
            del self.fields["latitude"], self.fields["longitude"]

    def participant_fields(self):
        return [self[name] for name in self.PARTICIPANT_FIELDS]

    def main_fields(self):
        return [f for f in self.visible_fields() if f.name not in self.PARTICIPANT_FIELDS]

    def clean_territory(self):
        return self.choices.by_pk[self.cleaned_data["territory"]]

    def clean_commune(self):
        pk = self.cleaned_data["commune"]
        return None if pk is None else self.choices.communes[pk]

    def clean_tags(self):
        return parse_tags(self.cleaned_data["tags"])

    def clean(self):
        cleaned = super().clean()
        territory, commune = cleaned.get("territory"), cleaned.get("commune")
        if territory and commune and commune.territory_id != territory.pk:
            self.add_error(
                "commune",
                ValidationError(
                    _("%(commune)s is not in %(territory)s."),
                    code="commune_outside_territory",
                    params={"commune": commune.name, "territory": territory.title},
                ),
            )
        if "latitude" in self.fields:
            self._clean_point(territory, cleaned.get("latitude"), cleaned.get("longitude"))
        return cleaned

    def _clean_point(self, territory, latitude, longitude):
        if self.has_error("latitude") or self.has_error("longitude"):
            return
        if (latitude is None) != (longitude is None):
            self.add_error(
                "latitude",
                ValidationError(
                    _("Give both the latitude and the longitude, or neither."),
                    code="incomplete_point",
                ),
            )
        elif (
            territory
            and latitude is not None
            and not self.choices.contains(territory, latitude, longitude)
        ):
            self.add_error(
                "latitude",
                ValidationError(
                    _("The point (%(lat)s, %(lng)s) is outside %(territory)s."),
                    code="outside_territory",
                    params={"lat": latitude, "lng": longitude, "territory": territory.title},
                ),
            )

    def build(self, facilitator):
        """The unsaved contribution (tags are added once it is saved)."""
        return build_contribution(self.cleaned_data, self.choices.event, facilitator)


def build_contribution(data, event, facilitator):
    """An unsaved contribution from a valid form's ``cleaned_data``, with its fingerprint."""
    return Contribution(
        kind=data["kind"],
        title=data["title"],
        text=data["text"],
        territory=data["territory"],
        commune=data["commune"],
        latitude=data.get("latitude"),
        longitude=data.get("longitude"),
        source=Contribution.Source.EVENT,
        event=event,
        facilitator=facilitator,
        author=None,
        participant_first_name=data["participant_first_name"],
        participant_age_range=data["participant_age_range"],
        participant_public=data["participant_public"],
        status=initial_status(),
        import_key=contribution_key(
            event, data["kind"], data["territory"], data["text"], data["participant_first_name"]
        ),
    )
