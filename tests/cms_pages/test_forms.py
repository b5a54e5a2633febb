"""The form fields every plugin's citizens' forms share: long texts and a point on a map."""

import pytest
from django import forms

from cms_pages.forms import CoordinateField, LongTextField, PointFormMixin


def test_long_text_counts_a_line_break_as_one_character():
    field = LongTextField(max_length=3)
    assert field.clean("a\r\nb") == "a\nb"
    assert field.clean("a\rb") == "a\nb"


@pytest.mark.parametrize(
    ("raw", "expected"), [("47,5", 47.5), (" 6.8 ", 6.8), ("", None), ("-90", -90.0)]
)
def test_a_coordinate_reads_a_decimal_comma_and_is_none_when_empty(raw, expected):
    assert CoordinateField(-90, 90).clean(raw) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [("47.6a", "invalid"), ("nan", "not_finite"), ("-inf", "not_finite"), ("91", "out_of_range")],
)
def test_a_bad_coordinate_is_refused_with_its_code(raw, code):
    with pytest.raises(forms.ValidationError) as error:
        CoordinateField(-90, 90).clean(raw)
    assert error.value.code == code


def test_a_coordinate_is_text_of_bounded_length_in_a_hidden_input():
    field = CoordinateField(-90, 90)
    assert isinstance(field.widget, forms.HiddenInput)
    with pytest.raises(forms.ValidationError) as error:
        field.clean("4" * 41)
    assert error.value.error_list[0].code == "max_length"


class PlaceForm(PointFormMixin):
    name = forms.CharField()

    def clean(self):
        cleaned = super().clean()
        cleaned["point"] = self.clean_point()
        return cleaned


class StrictPlaceForm(PlaceForm):
    point_error_messages = {"out_of_range": "Nowhere."}


def test_the_point_fields_come_after_the_forms_own():
    assert list(PlaceForm().fields) == ["name", "latitude", "longitude"]


def test_clean_point_gives_the_point_or_none():
    form = PlaceForm({"name": "x", "latitude": "47.6", "longitude": "6,8"})
    assert form.is_valid()
    assert form.cleaned_data["point"] == (47.6, 6.8)
    form = PlaceForm({"name": "x", "latitude": "", "longitude": ""})
    assert form.is_valid()
    assert form.cleaned_data["point"] is None


@pytest.mark.parametrize("data", [{"latitude": "47.6"}, {"longitude": "6.8"}])
def test_half_a_point_is_an_error_on_the_latitude(data):
    form = PlaceForm({"name": "x", **data})
    assert not form.is_valid()
    assert form.errors.as_data()["latitude"][0].code == "incomplete_point"
    assert "longitude" not in form.errors


def test_a_bad_coordinate_beside_a_good_one_is_not_also_half_a_point():
    form = PlaceForm({"name": "x", "latitude": "47.6", "longitude": "181"})
    assert not form.is_valid()
    assert list(form.errors) == ["longitude"]


def test_a_form_may_word_the_coordinates_errors_its_own_way():
    form = StrictPlaceForm({"name": "x", "latitude": "95", "longitude": "6.8"})
    assert not form.is_valid()
    assert form.errors["latitude"] == ["Nowhere."]
    default = PlaceForm({"name": "x", "latitude": "95", "longitude": "6.8"})
    default.is_valid()
    assert default.errors["latitude"] != ["Nowhere."]
