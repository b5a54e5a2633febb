"""``manage.py import_boundary``: a territory's contour from a GeoJSON file, or nothing at all."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import PageLogEntry, Revision

from cms_pages.geo import validate_boundary
from cms_pages.models import TerritoryPage
from tests import factories

# Stable fragments of the French messages (the site's default language, from the compiled
# catalogue): the command speaks French to the people who run it.
UNKNOWN_TERRITORY = "grand-beffort"
UNREADABLE = "Impossible de lire"
INVALID_JSON = "n'est pas un fichier GeoJSON valide"
NO_MATCHING_FEATURE = "Aucune entité de"
SEVERAL_MATCHING_FEATURES = "portent le code SIREN"
WRONG_TYPE = "Polygon ou un MultiPolygon"
OUT_OF_RANGE = "WGS84"
UNCLOSED = "n'est pas fermé"
OVERSIZED = "la limite est de"
UNPUBLISHED_CHANGES = "modifications non publiées"
WHERE_FIRST_RING = "polygone 1, anneau 1"

DATA = Path(__file__).with_name("data")
SQUARE_FILE = DATA / "test_square_epci.geojson"
TWO_EPCI_FILE = DATA / "test_two_epci.geojson"
GRAND_BELFORT = "200069052"
SUD_TERRITOIRE = "249000241"
HERICOURT = "247000722"


def square(west, south, size=0.1):
    return [
        [
            [west, south],
            [west + size, south],
            [west + size, south + size],
            [west, south + size],
            [west, south],
        ]
    ]


def polygon(west=6.8, south=47.6):
    return {"type": "Polygon", "coordinates": square(west, south)}


def feature(geometry, **properties):
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def collection(*features):
    return {"type": "FeatureCollection", "features": list(features)}


def build_world():
    """Three territories under a home page, built once for the module."""
    index = factories.TerritoryIndexPageFactory(parent=factories.site_with_home_page())
    return {
        slug: factories.TerritoryPageFactory(parent=index, slug=slug, title=title, siren=siren)
        for slug, title, siren in [
            ("grand-belfort", "Grand Belfort", GRAND_BELFORT),
            ("sud-territoire", "Sud Territoire", SUD_TERRITOIRE),
            ("pays-d-hericourt", "Pays d'Héricourt", HERICOURT),
        ]
    }


@pytest.fixture
def territories(world):
    return world


@pytest.fixture
def geojson_file(tmp_path):
    def write(data):
        path = tmp_path / "contour.geojson"
        path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
        return str(path)

    return write


def import_boundary(*args):
    out = StringIO()
    call_command("import_boundary", *args, stdout=out)
    return out.getvalue()


def boundary_of(slug):
    return TerritoryPage.objects.get(slug=slug).boundary


def state():
    """Everything an import may write: boundaries, revisions and log entries."""
    return (
        sorted(TerritoryPage.objects.values_list("slug", "boundary")),
        Revision.objects.count(),
        PageLogEntry.objects.count(),
    )


def assert_refused(args, fragment):
    before = state()
    with pytest.raises(CommandError) as error:
        import_boundary(*args)
    assert fragment in str(error.value)
    assert state() == before


# Imports.


def test_single_feature_file_is_imported_onto_the_named_territory(territories):
    import_boundary("grand-belfort", str(SQUARE_FILE))

    assert boundary_of("grand-belfort") == {
        "type": "Polygon",
        "coordinates": [[[6.8, 47.6], [6.9, 47.6], [6.9, 47.68], [6.8, 47.68], [6.8, 47.6]]],
    }


def test_import_leaves_the_other_territories_without_boundary(territories):
    import_boundary("grand-belfort", str(SQUARE_FILE))

    assert boundary_of("sud-territoire") is None


def test_import_publishes_a_new_revision_holding_the_boundary(territories):
    import_boundary("grand-belfort", str(SQUARE_FILE))

    page = TerritoryPage.objects.get(slug="grand-belfort")
    assert page.live_revision == page.latest_revision
    assert page.live_revision.as_object().boundary["type"] == "Polygon"


def test_import_appears_in_the_page_history_as_a_publication(territories):
    import_boundary("grand-belfort", str(SQUARE_FILE))

    page = territories["grand-belfort"]
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()


def test_import_reports_success_with_the_territory_title(territories):
    output = import_boundary("grand-belfort", str(SQUARE_FILE))

    assert "Grand Belfort" in output


def test_collection_import_takes_the_feature_carrying_the_territory_siren(territories):
    import_boundary("sud-territoire", str(TWO_EPCI_FILE))

    assert boundary_of("sud-territoire")["coordinates"][0][0] == [6.95, 47.45]


def test_siren_property_name_is_matched_whatever_its_case(territories, geojson_file):
    path = geojson_file(
        collection(
            feature(polygon(6.0, 47.0), CODE_SIREN=GRAND_BELFORT),
            feature(polygon(7.0, 47.0), CODE_SIREN=SUD_TERRITOIRE),
        )
    )

    import_boundary("sud-territoire", path)

    assert boundary_of("sud-territoire") == polygon(7.0, 47.0)


def test_siren_given_as_a_list_of_codes_is_matched(territories, geojson_file):
    path = geojson_file(
        collection(
            feature(polygon(6.0, 47.0), epci_code=[GRAND_BELFORT]),
            feature(polygon(7.0, 47.0), epci_code=[SUD_TERRITOIRE]),
        )
    )

    import_boundary("grand-belfort", path)

    assert boundary_of("grand-belfort") == polygon(6.0, 47.0)


def test_property_option_names_the_property_holding_the_siren(territories, geojson_file):
    path = geojson_file(
        collection(
            feature(polygon(6.0, 47.0), identifiant=GRAND_BELFORT),
            feature(polygon(7.0, 47.0), identifiant=SUD_TERRITOIRE),
        )
    )

    import_boundary("sud-territoire", path, "--property", "identifiant")

    assert boundary_of("sud-territoire") == polygon(7.0, 47.0)


def test_bare_multipolygon_geometry_is_imported(territories, geojson_file):
    multipolygon = {"type": "MultiPolygon", "coordinates": [square(6.8, 47.6), square(7.0, 47.4)]}

    import_boundary("grand-belfort", geojson_file(multipolygon))

    assert boundary_of("grand-belfort") == multipolygon


def test_importing_the_same_boundary_again_creates_no_revision(territories):
    import_boundary("grand-belfort", str(SQUARE_FILE))
    revisions = Revision.objects.count()

    import_boundary("grand-belfort", str(SQUARE_FILE))

    assert Revision.objects.count() == revisions


# Refusals: a clear message, and nothing written.


def test_unknown_territory_slug_is_refused(territories):
    assert_refused(["grand-beffort", str(SQUARE_FILE)], UNKNOWN_TERRITORY)


def test_missing_file_is_refused(territories, tmp_path):
    assert_refused(["grand-belfort", str(tmp_path / "absent.geojson")], UNREADABLE)


def test_invalid_json_is_refused(territories, geojson_file):
    assert_refused(["grand-belfort", geojson_file('{"type": "Polygon", ')], INVALID_JSON)


def test_json_that_is_not_an_object_is_refused(territories, geojson_file):
    assert_refused(["grand-belfort", geojson_file("[6.8, 47.6]")], INVALID_JSON)


def test_point_geometry_is_refused(territories, geojson_file):
    path = geojson_file({"type": "Point", "coordinates": [6.86, 47.64]})

    assert_refused(["grand-belfort", path], WRONG_TYPE)


def test_linestring_feature_is_refused(territories, geojson_file):
    line = {"type": "LineString", "coordinates": [[6.8, 47.6], [6.9, 47.7]]}

    assert_refused(["grand-belfort", geojson_file(feature(line))], WRONG_TYPE)


def test_lambert_93_coordinates_are_refused(territories, geojson_file):
    lambert = {"type": "Polygon", "coordinates": square(990000, 6720000, size=1000)}

    assert_refused(["grand-belfort", geojson_file(lambert)], OUT_OF_RANGE)


def test_unclosed_ring_is_refused(territories, geojson_file):
    ring = [[6.8, 47.6], [6.9, 47.6], [6.9, 47.7], [6.8, 47.7], [6.85, 47.65]]
    path = geojson_file({"type": "Polygon", "coordinates": [ring]})

    assert_refused(["grand-belfort", path], UNCLOSED)


def test_boundary_over_the_size_limit_is_refused(territories, settings):
    settings.BOUNDARY_MAX_BYTES = 50

    assert_refused(["grand-belfort", str(SQUARE_FILE)], OVERSIZED)


def test_collection_without_the_territory_siren_is_refused(territories):
    assert_refused(["pays-d-hericourt", str(TWO_EPCI_FILE)], NO_MATCHING_FEATURE)


def test_single_feature_carrying_another_siren_is_refused(territories, geojson_file):
    path = geojson_file(feature(polygon(), code=GRAND_BELFORT))

    assert_refused(["sud-territoire", path], NO_MATCHING_FEATURE)


def test_property_option_reads_only_the_named_property(territories):
    assert_refused(
        ["sud-territoire", str(TWO_EPCI_FILE), "--property", "siren"], NO_MATCHING_FEATURE
    )


def test_two_features_carrying_the_territory_siren_are_refused(territories, geojson_file):
    path = geojson_file(
        collection(
            feature(polygon(6.0, 47.0), code=GRAND_BELFORT),
            feature(polygon(7.0, 47.0), code=GRAND_BELFORT),
        )
    )

    assert_refused(["grand-belfort", path], SEVERAL_MATCHING_FEATURES)


def test_territory_with_unpublished_changes_is_refused(territories):
    draft = TerritoryPage.objects.get(slug="grand-belfort")
    draft.intro = "Brouillon en cours de relecture."
    draft.save_revision()

    assert_refused(["grand-belfort", str(SQUARE_FILE)], UNPUBLISHED_CHANGES)


# The validator behind the command and the admin field.


def test_validate_boundary_accepts_a_closed_wgs84_polygon():
    validate_boundary(polygon())


def test_validate_boundary_names_the_ring_that_is_not_closed():
    ring = [[6.8, 47.6], [6.9, 47.6], [6.9, 47.7], [6.8, 47.7], [6.85, 47.65]]

    with translation.override("fr"), pytest.raises(ValidationError) as error:
        validate_boundary({"type": "Polygon", "coordinates": [ring]})

    assert WHERE_FIRST_RING in error.value.messages[0]


def test_validate_boundary_refuses_projected_coordinates():
    lambert = {"type": "Polygon", "coordinates": square(990000, 6720000, size=1000)}

    with translation.override("fr"), pytest.raises(ValidationError) as error:
        validate_boundary(lambert)

    assert OUT_OF_RANGE in error.value.messages[0]


def test_validate_boundary_refuses_a_point():
    with translation.override("fr"), pytest.raises(ValidationError) as error:
        validate_boundary({"type": "Point", "coordinates": [6.86, 47.64]})

    assert WRONG_TYPE in error.value.messages[0]


def test_validate_boundary_refuses_a_boundary_over_the_size_limit(settings):
    settings.BOUNDARY_MAX_BYTES = 50

    with translation.override("fr"), pytest.raises(ValidationError) as error:
        validate_boundary(polygon())

    assert OVERSIZED in error.value.messages[0]
