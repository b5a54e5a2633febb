"""``manage.py import_contributions``: its summary, its progress bar and its exit status."""

import io
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command

from consultation.models import Contribution
from tests import factories
from tests.consultation.capture_helpers import DATA, make_place, user_in

pytestmark = pytest.mark.django_db


def build_world():
    home = factories.site_with_home_page()
    return SimpleNamespace(
        home=home,
        place=make_place(home),
        facilitator=user_in("Animateurs", email="animatrice@example.org"),
    )


@pytest.fixture
def home_page(world):
    return world.home


@pytest.fixture
def place(world):
    return world.place


@pytest.fixture
def facilitator(world):
    return world.facilitator


def command(name, event, *options, email="animatrice@example.org"):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_contributions",
        str(DATA / name),
        "--event",
        str(event.pk),
        "--facilitator",
        email,
        *options,
        stdout=out,
        stderr=err,
    )
    return out.getvalue(), err.getvalue()


def test_a_good_file_is_imported_and_summarised(place, facilitator):
    out, _err = command("good_utf8_comma.csv", place.big_event)
    assert Contribution.objects.filter(facilitator=facilitator).count() == 4
    assert "4" in out.splitlines()[1]  # created


def test_the_facilitator_is_found_by_email_whatever_its_case(place, facilitator):
    command("good_utf8_comma.csv", place.big_event, email="Animatrice@Example.org")
    assert Contribution.objects.filter(facilitator=facilitator).count() == 4


def test_a_progress_bar_is_drawn_on_stderr(place, facilitator):
    _out, err = command("good_utf8_comma.csv", place.big_event)
    assert "[" + "#" * 30 + "] 4/4" in err


def test_no_progress_bar_at_verbosity_0(place, facilitator):
    _out, err = command("good_utf8_comma.csv", place.big_event, "--verbosity", "0")
    assert err == ""


def test_bad_rows_exit_with_an_error_and_import_nothing(place, facilitator):
    with pytest.raises(CommandError):
        command("bad_rows.csv", place.belfort_event)
    assert not Contribution.objects.exists()


def test_bad_rows_are_listed_with_their_line_numbers(place, facilitator):
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_contributions",
            str(DATA / "bad_rows.csv"),
            event=place.belfort_event.pk,
            facilitator="animatrice@example.org",
            stdout=out,
            stderr=io.StringIO(),
        )
    listed = [line.split(":")[0].strip() for line in out.getvalue().splitlines() if ":" in line]
    for number in (3, 4, 5, 6, 7, 8):
        assert any(label.endswith(f" {number}") for label in listed)


def test_skip_errors_imports_the_valid_rows_and_succeeds(place, facilitator):
    command("bad_rows.csv", place.belfort_event, "--skip-errors")
    assert sorted(Contribution.objects.values_list("text", flat=True)) == [
        "Texte correct numéro deux.",
        "Texte correct numéro un.",
    ]
    assert set(Contribution.objects.values_list("event", "facilitator")) == {
        (place.belfort_event.pk, facilitator.pk)
    }


def test_dry_run_writes_nothing(place, facilitator):
    command("good_utf8_comma.csv", place.big_event, "--dry-run")
    assert not Contribution.objects.exists()


def test_dry_run_of_a_bad_file_exits_with_an_error(place, facilitator):
    with pytest.raises(CommandError):
        command("bad_rows.csv", place.belfort_event, "--dry-run")


def test_a_second_run_reports_the_rows_already_imported(place, facilitator):
    command("duplicates.csv", place.belfort_event)
    out, _err = command("duplicates.csv", place.belfort_event)
    assert Contribution.objects.count() == 3
    assert "2–5" in out


@pytest.mark.parametrize(
    ("event_id", "email"),
    [
        (999999, "animatrice@example.org"),  # no such event
        (None, "nobody@example.org"),  # no such account
        (None, "citoyen@example.org"),  # not a facilitator
    ],
)
def test_bad_arguments_exit_with_an_error(place, facilitator, event_id, email):
    user_in(email="citoyen@example.org")
    with pytest.raises(CommandError):
        call_command(
            "import_contributions",
            str(DATA / "good_utf8_comma.csv"),
            event=event_id or place.big_event.pk,
            facilitator=email,
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    assert not Contribution.objects.exists()


def test_a_missing_file_exits_with_an_error(place, facilitator, tmp_path):
    with pytest.raises(CommandError):
        call_command(
            "import_contributions",
            str(tmp_path / "absent.csv"),
            event=place.big_event.pk,
            facilitator="animatrice@example.org",
            stdout=io.StringIO(),
        )


def test_an_unreadable_file_exits_with_an_error(place, facilitator, tmp_path):
    path = tmp_path / "vieux.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    with pytest.raises(CommandError):
        call_command(
            "import_contributions",
            str(path),
            event=place.big_event.pk,
            facilitator="animatrice@example.org",
            stdout=io.StringIO(),
        )
