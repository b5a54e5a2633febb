"""The importer: the files French spreadsheets write, every bad row reported, nothing twice."""

import io
from types import SimpleNamespace

import pytest
from openpyxl import Workbook
from taggit.models import Tag

from consultation.import_files import MAX_ROWS, guess_delimiter
from consultation.importer import ImportFileError, compact_lines, import_contributions
from consultation.models import Contribution
from tests import factories
from tests.consultation.capture_helpers import make_place, read, user_in

pytestmark = pytest.mark.django_db


def build_world():
    home = factories.site_with_home_page()
    return SimpleNamespace(home=home, place=make_place(home), facilitator=user_in("Animateurs"))


@pytest.fixture
def home_page(world):
    return world.home


@pytest.fixture
def place(world):
    return world.place


@pytest.fixture
def facilitator(world):
    return world.facilitator


def run(data, event, facilitator, **options):
    return import_contributions(data, event=event, facilitator=facilitator, **options)


def xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_good_utf8_comma_file_is_imported(place, facilitator):
    report = run(read("good_utf8_comma.csv"), place.big_event, facilitator)
    assert (report.created, report.errors) == (4, [])
    assert Contribution.objects.count() == 4


def test_imported_rows_name_the_event_and_the_facilitator_and_no_author(place, facilitator):
    run(read("good_utf8_comma.csv"), place.big_event, facilitator)
    assert set(Contribution.objects.values_list("source", "event", "facilitator", "author")) == {
        ("event", place.big_event.pk, facilitator.pk, None)
    }


def test_territories_are_found_by_slug_siren_and_name(place, facilitator):
    run(read("good_utf8_comma.csv"), place.big_event, facilitator)
    territories = list(Contribution.objects.order_by("pk").values_list("territory", flat=True))
    assert territories == [
        place.belfort.pk,  # grand-belfort
        place.montbeliard.pk,  # 200065647
        place.hericourt.pk,  # Pays d'Héricourt
        place.belfort.pk,  # Grand Belfort
    ]


def test_every_column_of_a_row_is_stored(place, facilitator):
    run(read("good_utf8_comma.csv"), place.big_event, facilitator)
    first = Contribution.objects.order_by("pk").first()
    assert (
        first.kind,
        first.commune,
        first.title,
        first.participant_first_name,
        first.participant_age_range,
        first.participant_public,
        (first.latitude, first.longitude),
        sorted(first.tags.names()),
    ) == (
        "revolte",
        place.belfort_commune,
        "Bus du dimanche",
        "Camille",
        "26_40",
        "resident",
        (47.6397, 6.8638),
        ["bus", "dimanche"],
    )


def test_spreadsheet_words_become_choices(place, facilitator):
    run(read("good_utf8_comma.csv"), place.big_event, facilitator)
    rows = Contribution.objects.order_by("pk").values_list(
        "kind", "participant_age_range", "participant_public"
    )
    assert list(rows) == [
        ("revolte", "26_40", "resident"),
        ("reve", "", ""),
        ("revolte", "under_18", "young"),
        ("reve", "over_75", "senior"),
    ]


def test_a_commune_is_found_by_insee_code(place, facilitator):
    run(read("good_utf8_comma.csv"), place.big_event, facilitator)
    assert Contribution.objects.order_by("pk")[1].commune == place.montbeliard_commune


def test_a_semicolon_windows_1252_file_keeps_its_accents_and_decimal_commas(place, facilitator):
    report = run(read("semicolon_cp1252.csv"), place.belfort_event, facilitator)
    assert (report.created, report.errors) == (2, [])
    first, second = Contribution.objects.order_by("pk")
    assert first.text == "Des pistes cyclables sûres jusqu’à la gare, éclairées la nuit"
    assert first.participant_first_name == "Zoé"
    assert (first.latitude, first.longitude) == (47.6397, 6.8638)
    assert second.text == "Le cœur de ville se vide; les loyers coûtent 800 € ; c'est trop."


def test_a_utf8_file_with_a_bom_is_read_like_one_without(place, facilitator):
    report = run(read("good_utf8_bom.csv"), place.big_event, facilitator)
    assert (report.created, report.errors) == (4, [])
    assert Contribution.objects.filter(kind="revolte").count() == 2


def test_an_xlsx_workbook_is_imported_with_its_numbers_as_text(place, facilitator):
    data = xlsx(
        [
            ["Type", "Territoire", "Commune", "Texte", "Latitude", "Longitude"],
            ["Rêve", 200069052, 90010, "Une piscine ouverte l'été.", 47.64, 6.86],
            ["révolte", "grand-belfort", None, "Trop de voitures en ville.", None, None],
        ]
    )
    report = run(data, place.belfort_event, facilitator, filename="saisie.xlsx")
    assert (report.created, report.errors) == (2, [])
    first = Contribution.objects.order_by("pk").first()
    assert (first.territory, first.commune, first.latitude) == (
        place.belfort,
        place.belfort_commune,
        47.64,
    )


BAD_ROWS = [
    (3, "unknown_territory"),  # atlantide
    (4, "required"),  # empty text
    (5, "invalid_choice"),  # kind « bof »
    (6, "max_value"),  # latitude 95
    (7, "max_length"),  # text of 2001 characters
    (8, "invalid_choice"),  # a territory the event was not held in
]


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_imported(place, facilitator):
    report = run(read("bad_rows.csv"), place.belfort_event, facilitator)
    assert [(error.line, error.code) for error in report.errors] == BAD_ROWS
    assert report.refused
    assert not Contribution.objects.exists()


def test_with_skip_errors_the_valid_rows_are_imported(place, facilitator):
    report = run(read("bad_rows.csv"), place.belfort_event, facilitator, skip_errors=True)
    assert report.created == 2
    assert sorted(Contribution.objects.values_list("text", flat=True)) == [
        "Texte correct numéro deux.",
        "Texte correct numéro un.",
    ]


def test_reimporting_a_file_creates_nothing_and_counts_every_row_as_already_imported(
    place, facilitator
):
    run(read("good_utf8_comma.csv"), place.big_event, facilitator)
    report = run(read("good_utf8_comma.csv"), place.big_event, facilitator)
    assert (report.created, report.already_imported, report.errors) == (0, [2, 3, 4, 5], [])
    assert Contribution.objects.count() == 4


def test_the_same_rows_for_another_event_are_new(place, facilitator):
    run(read("semicolon_cp1252.csv"), place.belfort_event, facilitator)
    report = run(read("semicolon_cp1252.csv"), place.big_event, facilitator)
    assert report.created == 2


def test_a_file_in_another_encoding_is_still_the_same_rows(place, facilitator):
    run(read("good_utf8_comma.csv"), place.big_event, facilitator)
    report = run(read("good_utf8_bom.csv"), place.big_event, facilitator)
    assert report.created == 0


def test_duplicates_inside_a_file_are_imported_once(place, facilitator):
    report = run(read("duplicates.csv"), place.belfort_event, facilitator)
    assert (report.created, report.already_imported) == (3, [4])
    assert Contribution.objects.filter(text="Plus de bus le soir.").count() == 2


def test_a_dry_run_writes_nothing_and_reports_what_it_would_do(place, facilitator):
    report = run(read("good_utf8_comma.csv"), place.big_event, facilitator, dry_run=True)
    assert (report.created, report.new) == (0, 4)
    assert not Contribution.objects.exists()


def test_a_dry_run_with_skip_errors_writes_nothing(place, facilitator):
    run(read("bad_rows.csv"), place.belfort_event, facilitator, dry_run=True, skip_errors=True)
    assert not Contribution.objects.exists()


def test_formula_like_cells_are_stored_as_plain_text(place, facilitator):
    run(read("formula.csv"), place.belfort_event, facilitator)
    contribution = Contribution.objects.get()
    assert (contribution.title, contribution.text, contribution.tags.names()[0]) == (
        "=1+1",
        '=HYPERLINK("https://exemple.org","cliquez")',
        "@tag",
    )


def test_a_formula_in_a_workbook_is_stored_as_its_text(place, facilitator):
    data = xlsx([["type", "texte"], ["rêve", '=HYPERLINK("https://exemple.org","x")']])
    run(data, place.belfort_event, facilitator, filename="saisie.xlsx")
    assert Contribution.objects.get().text == '=HYPERLINK("https://exemple.org","x")'


def test_a_blank_territory_is_the_events_only_territory(place, facilitator):
    data = "type,texte\nrêve,Des fleurs sur les ronds-points.\n".encode()
    run(data, place.belfort_event, facilitator)
    assert Contribution.objects.get().territory == place.belfort


def test_a_file_without_territories_is_refused_for_an_event_with_several(place, facilitator):
    data = "type,texte\nrêve,Des fleurs sur les ronds-points.\n".encode()
    with pytest.raises(ImportFileError):
        run(data, place.big_event, facilitator)


def test_line_numbers_count_the_header_and_blank_lines(place, facilitator):
    data = "type,texte\n\nrêve,Correct.\n,,\nbof,Mauvais type.\n".encode()
    report = run(data, place.belfort_event, facilitator)
    assert [error.line for error in report.errors] == [5]


def test_a_point_outside_the_territory_is_refused(place, facilitator):
    data = "type,texte,latitude,longitude\nrêve,Loin.,48.85,2.35\n".encode()
    report = run(data, place.belfort_event, facilitator)
    assert [error.code for error in report.errors] == ["outside_territory"]


@pytest.mark.parametrize(
    ("latitude", "longitude", "code"),
    [("nan", "6.86", "invalid"), ("47.6", "", "incomplete_point"), ("abc", "6.8", "invalid")],
)
def test_bad_coordinates_are_reported(place, facilitator, latitude, longitude, code):
    data = f"type,texte,latitude,longitude\nrêve,Ici.,{latitude},{longitude}\n".encode()
    report = run(data, place.belfort_event, facilitator)
    assert [error.code for error in report.errors] == [code]


def test_an_unknown_commune_is_reported(place, facilitator):
    data = "type,texte,commune\nrêve,Ici.,Atlantis\n".encode()
    report = run(data, place.belfort_event, facilitator)
    assert [error.code for error in report.errors] == ["unknown_commune"]


def test_header_names_are_matched_without_case_accents_or_punctuation(place, facilitator):
    data = "TYPE;Territoire;TEXTE;Mots clés;PRÉNOM;Tranche d’âge\n".encode()
    data += "rêve;grand-belfort;Ici.;a;Zoé;18-25\n".encode()
    report = run(data, place.belfort_event, facilitator)
    assert report.created == 1
    assert Contribution.objects.get().participant_age_range == "18_25"


def test_unknown_columns_are_ignored_and_named(place, facilitator):
    data = "type,texte,remarque\nrêve,Ici.,rien\n".encode()
    report = run(data, place.belfort_event, facilitator)
    assert (report.created, report.ignored_columns) == (1, ["remarque"])


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n",
        b"type,territoire\nreve,grand-belfort\n",  # no text column
        b"type,texte,texte\nreve,a,b\n",  # a column twice
        b"\xd0\xcf\x11\xe0old excel",
        b"PK\x03\x04not really a zip",
        bytes(range(256)) * 10,
    ],
)
def test_unreadable_files_are_refused_as_a_whole(place, facilitator, data):
    with pytest.raises(ImportFileError):
        run(data, place.belfort_event, facilitator)
    assert not Contribution.objects.exists()


def test_a_file_over_5_mb_is_refused(place, facilitator):
    data = b"type,texte\n" + b"reve,texte\n" * (5 * 1024 * 1024 // 11 + 1)
    with pytest.raises(ImportFileError):
        run(data, place.belfort_event, facilitator)


def test_a_file_with_more_than_the_row_limit_is_refused(place, facilitator):
    data = b"type,texte\n" + b"".join(b"reve,t%d\n" % n for n in range(MAX_ROWS + 1))
    with pytest.raises(ImportFileError):
        run(data, place.belfort_event, facilitator)


def test_a_cell_too_long_for_csv_is_refused_as_a_whole(place, facilitator):
    data = b'type,texte\nreve,"' + b"x" * 200_000 + b'"\n'
    with pytest.raises(ImportFileError):
        run(data, place.belfort_event, facilitator)


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("type;texte\nrêve;Des bus, des vélos, des trams.\n", ";"),
        ("type,texte\nrêve,Des bus; des vélos; des trams.\n", ","),
        ("texte\nUne seule colonne\n", ","),
    ],
)
def test_the_delimiter_is_guessed_from_the_header(text, delimiter):
    assert guess_delimiter(text) == delimiter


def test_progress_is_reported_for_every_row(place, facilitator):
    calls = []
    run(
        read("good_utf8_comma.csv"),
        place.big_event,
        facilitator,
        progress=lambda *a: calls.append(a),
    )
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_imported_tags_reuse_existing_ones(place, facilitator):
    existing = Tag.objects.create(name="bus")
    run(read("good_utf8_comma.csv"), place.big_event, facilitator)
    assert list(Tag.objects.filter(name="bus")) == [existing]
    assert existing.taggit_taggeditem_items.count() == 0  # taggit's generic table is unused
    assert Contribution.objects.filter(tags=existing).count() == 1


@pytest.mark.parametrize(
    ("lines", "shown"),
    [([], ""), ([4], "4"), ([2, 3, 4, 5, 9, 12, 13], "2–5, 9, 12–13"), ([7, 2, 3], "2–3, 7")],
)
def test_already_imported_lines_are_shown_as_ranges(lines, shown):
    assert compact_lines(lines) == shown


def test_a_long_list_of_ranges_is_cut_short():
    assert compact_lines(range(2, 200, 2), limit=3) == "2, 4, 6, …"


def test_rows_placed_by_commune_only_get_its_approximate_point(place, facilitator):
    """A bulk insert skips save(): the import places them at their commune's point too."""
    place.montbeliard_commune.location = "SRID=4326;POINT(6.7984 47.5103)"
    place.montbeliard_commune.save()
    run(read("good_utf8_comma.csv"), place.big_event, facilitator)
    first, second = Contribution.objects.order_by("pk")[:2]
    assert not first.point_is_approximate  # its own point is kept
    assert second.commune == place.montbeliard_commune
    assert second.point_is_approximate
    assert abs(second.latitude - 47.5103) < 0.01
