"""Points chosen on the admin map are mirrored in indexed latitude/longitude fields; a map's
``bbox`` and ``zoom`` are read, and its points grouped in SQL, the same for every plugin."""

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils import translation

from cms_pages.geo import (
    MAX_CELLS_ACROSS,
    GeoParameterError,
    cell_size,
    format_point,
    grid_clusters,
    in_bbox,
    parse_bbox,
    parse_point,
    parse_zoom,
)
from cms_pages.models import TerritoryPage
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


# A map's GeoJSON request: bbox, zoom and grid clusters (used by every plugin's map).


def test_parse_bbox_reads_four_degrees_and_none_when_empty():
    assert parse_bbox("6.5,47.3,7.2,47.9") == (6.5, 47.3, 7.2, 47.9)
    assert parse_bbox("") is None
    assert parse_bbox(None) is None


@pytest.mark.parametrize(
    "bad", ["6.5,47.3,7.2", "7.2,47.3,6.5,47.9", "a,b,c,d", "nan,0,1,1", "0,0,1,1" + " " * 300]
)
def test_parse_bbox_refuses_malformed_text_with_a_message(bad):
    with translation.override("en"), pytest.raises(GeoParameterError, match="bbox must be west"):
        parse_bbox(bad)


def test_parse_zoom_takes_half_steps_and_refuses_out_of_range():
    assert parse_zoom("9.5") == 9.5
    assert parse_zoom("") is None
    for bad in ("23", "-1", "inf", "x"):
        with translation.override("en"), pytest.raises(GeoParameterError, match="from 0 to 22"):
            parse_zoom(bad)


def test_cells_are_larger_when_zoomed_further_out():
    assert cell_size(5, None) > cell_size(10, None) > cell_size(12, None)


def test_cells_never_number_more_than_the_maximum_across_a_bbox():
    assert cell_size(18, (-180, -90, 180, 90)) == 360 / MAX_CELLS_ACROSS


@pytest.mark.django_db
def test_grid_clusters_group_rows_in_view_and_add_the_callers_counts(home_page):
    index = TerritoryIndexPageFactory(parent=home_page)
    for title, point in [
        ("Nord A", "POINT(6.80 47.60)"),
        ("Nord B", "POINT(6.81 47.61)"),
        ("Sud", "POINT(0.5 43.0)"),
        ("Loin", "POINT(100 10)"),
    ]:
        TerritoryPageFactory(parent=index, title=title, location=f"SRID=4326;{point}")
    bbox = (-5, 40, 10, 50)
    territories = in_bbox(TerritoryPage.objects.all(), bbox)
    rows = list(
        grid_clusters(territories, 5, bbox, north=Count("pk", filter=Q(title__startswith="Nord")))
    )
    assert sorted((row["count"], row["north"]) for row in rows) == [(1, 0), (2, 2)]
    pair = next(row for row in rows if row["count"] == 2)
    assert pair["first"] == TerritoryPage.objects.get(title="Nord A").pk
    assert round(pair["lat"], 3) == 47.605
    assert (pair["min_lat"], pair["min_lng"], pair["max_lat"], pair["max_lng"]) == (
        47.6,
        6.8,
        47.61,
        6.81,
    )
