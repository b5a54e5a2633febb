"""Form fields shared by the citizens' forms of every plugin: long texts, territories and
their communes, and a point placed on a map (theme/static/theme/js/point-picker.js).

Every check is made on the server; the browser's limits and the map's script are comfort
only.
"""

import math

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .collation import french_sort_key
from .models import Commune

# A coordinate sent by the map has a few dozen characters at most.
COORDINATE_MAX_LENGTH = 40


class LongTextField(forms.CharField):
    """A CharField whose line breaks count as one character, as the browser counts them."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value


class TitledChoiceField(forms.ModelChoiceField):
    """A page chosen by its title."""

    def label_from_instance(self, obj):
        return obj.title


class TitledMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Pages chosen by their titles."""

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
                [
                    (c.pk, c.name)
                    for c in sorted(groups[t.pk], key=lambda c: french_sort_key(c.name))
                ],
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


class CoordinateField(forms.CharField):
    """A latitude or a longitude in a hidden input filled by the map: cleans to a number
    from ``low`` to ``high`` (a decimal comma is read), or None when empty."""

    default_error_messages = {
        "invalid": _("The position on the map is not a valid number; place it again."),
        "not_finite": _("The position on the map is not a valid number; place it again."),
        "out_of_range": _("The position on the map is out of range; place it again."),
    }

    def __init__(self, low, high, **kwargs):
        self.low, self.high = low, high
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", COORDINATE_MAX_LENGTH)
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(**kwargs)

    def clean(self, value):
        raw = super().clean(value)  # the text first: required, at most max_length characters
        if not raw:
            return None
        try:
            number = float(raw.replace(",", "."))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not math.isfinite(number):
            raise ValidationError(self.error_messages["not_finite"], code="not_finite")
        if not self.low <= number <= self.high:
            raise ValidationError(self.error_messages["out_of_range"], code="out_of_range")
        return number


class PointFormMixin(forms.Form):
    """The hidden ``latitude`` and ``longitude`` of a point placed on the form's map
    (theme/static/theme/js/point-picker.js fills them); checked here like any input.

    ``point_error_messages`` replaces the fields' messages (keys ``invalid``, ``not_finite``,
    ``out_of_range``). The form's ``clean()`` calls ``clean_point()`` where it checks the
    point against its places.
    """

    point_error_messages = {}

    latitude = CoordinateField(-90, 90)
    longitude = CoordinateField(-180, 180)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("latitude", "longitude"):
            # Last, as where the forms declared them: their errors come after the others'.
            self.fields[name] = self.fields.pop(name)
            self.fields[name].error_messages.update(self.point_error_messages)

    def clean_point(self):
        """``(latitude, longitude)``, or None when no point (or a field already in error);
        half a point is an error on ``latitude``."""
        cleaned = self.cleaned_data
        if "latitude" not in cleaned or "longitude" not in cleaned:
            return None
        latitude, longitude = cleaned["latitude"], cleaned["longitude"]
        if latitude is None and longitude is None:
            return None
        if latitude is None or longitude is None:
            self.add_error(
                "latitude",
                ValidationError(
                    _("The position on the map is incomplete; place it again."),
                    code="incomplete_point",
                ),
            )
            return None
        return latitude, longitude
