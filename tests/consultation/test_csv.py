"""/api/contributions.csv: the published contributions as open data, streamed, without
personal data, with rounded points and cells a spreadsheet will not run as formulas."""

import csv
import io

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from tests.consultation.public_helpers import (
    EXACT,
    EXACT_TEXTS,
    UNPUBLISHED,
    XSS,
    contribution,
    grid_points,
    region_world,
)

pytestmark = pytest.mark.django_db

URL = reverse("consultation:csv")
COLUMNS = [
    "id",
    "kind",
    "title",
    "text",
    "territory",
    "commune",
    "latitude",
    "longitude",
    "tags",
    "enjeux",
    "created_at",
    "support_count",
    "url",
]


build_world = region_world  # once per module (tests/worlds.py)


@pytest.fixture
def home_page(world):
    return world.home


@pytest.fixture
def region(world):
    return world.region


def body(response):
    return b"".join(response.streaming_content)


def rows(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    text = body(response).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_file_starts_with_a_utf8_bom_and_the_header_row(client, region):
    raw = body(client.get(URL))
    assert raw.startswith(b"\xef\xbb\xbf")
    assert next(csv.reader(io.StringIO(raw.decode("utf-8-sig")))) == COLUMNS


def test_file_is_streamed(client, region):
    assert isinstance(client.get(URL), StreamingHttpResponse)


def test_licence_is_stated_in_the_headers(client, region):
    response = client.get(URL)
    assert response["X-License"] == "Licence Ouverte 2.0 / Etalab"
    assert 'rel="license"' in response["Link"]


def test_file_is_a_download_never_rendered_as_html(client, region):
    response = client.get(URL)
    assert response["Content-Type"].startswith("text/csv")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")


def test_a_row_gives_the_public_fields(client, region):
    item = contribution(
        region.nord,
        EXACT,
        kind="reve",
        title="Jardin",
        text="Un jardin partagé.",
        commune=region.commune,
        support_count=3,
    )
    item.tags.add("jardin", "voisins")
    item.enjeux.add(region.enjeu, region.draft_enjeu)
    (row,) = rows(client)
    created = row.pop("created_at")
    assert created.startswith(str(item.created_at.year))
    assert row == {
        "id": str(item.pk),
        "kind": "reve",
        "title": "Jardin",
        "text": "Un jardin partagé.",
        "territory": "Nord",
        "commune": "Belfort",
        "latitude": "47.651",
        "longitude": "6.86",
        "tags": "jardin; voisins",
        "enjeux": "Mobilité",
        "support_count": "3",
        "url": f"http://testserver{item.get_absolute_url()}",
    }


def test_a_contribution_without_point_has_empty_coordinates(client, region):
    contribution(region.nord)
    (row,) = rows(client)
    assert (row["latitude"], row["longitude"]) == ("", "")


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_unpublished_contributions_are_left_out(client, region, status):
    contribution(region.nord, EXACT, status=status)
    assert rows(client) == []


def test_no_exact_coordinate_appears(client, region):
    contribution(region.nord, EXACT)
    text = body(client.get(URL)).decode("utf-8-sig")
    assert not any(exact in text for exact in EXACT_TEXTS)


def test_no_author_facilitator_or_participant_appears(client, region, user):
    facilitator = type(user).objects.create(username="animatrice-zoe", email="zoe@example.org")
    contribution(
        region.nord,
        author=user,
        facilitator=facilitator,
        participant_first_name="Hortense",
        participant_age_range="18_25",
    )
    text = body(client.get(URL)).decode("utf-8-sig")
    for private in (user.username, user.email, "animatrice-zoe", "Hortense", "18_25"):
        assert private not in text


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
@pytest.mark.parametrize("field", ["title", "text"])
def test_a_cell_starting_like_a_formula_is_neutralised(client, region, start, field):
    contribution(region.nord, **{field: f'{start}HYPERLINK("http://x")'})
    (row,) = rows(client)
    assert row[field] == f'\'{start}HYPERLINK("http://x")'


def test_tags_starting_like_a_formula_are_neutralised(client, region):
    contribution(region.nord).tags.add("=1+1")
    (row,) = rows(client)
    assert row["tags"] == "'=1+1"


def test_markup_is_kept_as_plain_data(client, region):
    contribution(region.nord, title=XSS)
    (row,) = rows(client)
    assert row["title"] == XSS


def test_filters_apply(client, region):
    contribution(region.nord, kind="revolte")
    reve = contribution(region.sud, kind="reve")
    assert [row["id"] for row in rows(client, kind="reve", territoire="sud")] == [str(reve.pk)]


def test_invalid_filter_is_a_400(client, region):
    assert client.get(URL, {"territoire": "inconnu"}).status_code == 400


def test_query_count_is_bounded_at_two_data_sizes(client, region, django_assert_max_num_queries):
    def add(count):
        for point in grid_points(count):
            item = contribution(region.nord, point, commune=region.commune)
            item.tags.add("bus", "nuit")
            item.enjeux.add(region.enjeu)

    add(3)
    body(client.get(URL))
    with django_assert_max_num_queries(6):
        assert body(client.get(URL))
    add(40)
    with django_assert_max_num_queries(6):
        assert body(client.get(URL))
