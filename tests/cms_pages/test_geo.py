"""Points chosen on the admin map are mirrored in indexed latitude/longitude fields."""

import pytest
from django.core.exceptions import ValidationError

from cms_pages.geo import format_point, parse_point
from tests.factories import TerritoryIndexPageFactory, TerritoryPageFactory


def test_parse_point_reads_wagtailgeowidget_text():
    assert parse_point("SRID=4326;POINT(6.8638 47.6397)") == (47.6397, 6.8638)


def test_format_point_round_trips():
    assert parse_point(format_point(47.5, 6.75)) == (47.5, 6.75)


@pytest.mark.parametrize("bad", ["POINT(6.8)", "47.6, 6.8", "SRID=4326;POINT(200 47)"])
def test_parse_point_refuses_bad_text(bad):
    with pytest.raises(ValidationError):
        parse_point(bad)


@pytest.mark.django_db
def test_saving_a_located_page_fills_latitude_and_longitude(home_page):
    index = TerritoryIndexPageFactory(parent=home_page)
    territory = TerritoryPageFactory(parent=index, location="SRID=4326;POINT(6.7986 47.5097)")
    territory.refresh_from_db()
    assert (territory.latitude, territory.longitude) == (47.5097, 6.7986)


@pytest.mark.django_db
def test_clearing_the_point_clears_latitude_and_longitude(home_page):
    index = TerritoryIndexPageFactory(parent=home_page)
    territory = TerritoryPageFactory(parent=index)
    territory.location = ""
    territory.save()
    territory.refresh_from_db()
    assert territory.latitude is None
