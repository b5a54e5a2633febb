"""The admin import page: upload, report, and who may use it."""

from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from consultation.models import Contribution
from tests import factories
from tests.consultation.capture_helpers import make_place, read, user_in
from tests.factories import staff_login

pytestmark = pytest.mark.django_db

URL = reverse("consultation_import")


def build_world():
    home = factories.site_with_home_page()
    return SimpleNamespace(
        home=home,
        place=make_place(home),
        facilitator=user_in("Animateurs"),
        people={
            "citizen": user_in(),
            "Animateurs": user_in("Animateurs"),
            "Modérateurs": user_in("Modérateurs"),
            "Éditeurs": user_in("Éditeurs"),
        },
    )


@pytest.fixture
def home_page(world):
    return world.home


@pytest.fixture
def place(world):
    return world.place


@pytest.fixture
def facilitator(client, world):
    staff_login(client, world.facilitator)
    return world.facilitator


def upload(name, event, **options):
    return {
        "file": SimpleUploadedFile(name, read(name), content_type="text/csv"),
        "event": str(event.pk),
        **{option: "on" for option, value in options.items() if value},
    }


def error_codes(response, field):
    form = response.context["form"]
    return [error.code for error in form.errors.as_data().get(field, [])]


@pytest.mark.parametrize(("group", "status"), [("Animateurs", 200), ("Modérateurs", 200)])
def test_facilitators_and_moderators_open_the_import_page(world, client, place, group, status):
    staff_login(client, world.people[group])
    response = client.get(URL)
    assert response.status_code == status
    html = response.content.decode()
    assert 'type="file"' in html
    assert f'<option value="{place.big_event.pk}"' in html
    assert "data-import-report" not in html


def test_a_citizen_is_sent_to_the_admin_login(world, client, place):
    staff_login(client, world.people["citizen"])
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in urlsplit(response.url).path


def test_a_citizen_upload_imports_nothing(world, client, place):
    staff_login(client, world.people["citizen"])
    client.post(URL, upload("good_utf8_comma.csv", place.big_event))
    assert not Contribution.objects.exists()


def test_an_editor_without_the_capture_permission_is_sent_back_to_the_dashboard(
    world, client, place
):
    # Wagtail turns a refusal inside the admin into a redirect with a message.
    staff_login(client, world.people["Éditeurs"])
    response = client.get(URL)
    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))


def test_an_editor_upload_imports_nothing(world, client, place):
    staff_login(client, world.people["Éditeurs"])
    client.post(URL, upload("good_utf8_comma.csv", place.big_event))
    assert not Contribution.objects.exists()


def test_the_menu_shows_the_import_to_facilitators(client, place, facilitator):
    response = client.get(reverse("wagtailadmin_home"))
    assert URL.encode() in response.content


def test_an_upload_imports_the_file_and_shows_the_report(client, place, facilitator):
    response = client.post(URL, upload("good_utf8_comma.csv", place.big_event))
    assert response.status_code == 200
    assert response.context["report"].created == 4
    assert b'data-created="4"' in response.content
    assert Contribution.objects.filter(facilitator=facilitator).count() == 4


def test_a_bad_file_shows_each_bad_line_and_imports_nothing(client, place, facilitator):
    response = client.post(URL, upload("bad_rows.csv", place.belfort_event))
    lines = [error.line for error in response.context["report"].errors]
    assert lines == [3, 4, 5, 6, 7, 8]
    for line in lines:
        assert f'data-line="{line}"'.encode() in response.content
    assert not Contribution.objects.exists()


def test_skip_bad_rows_imports_the_valid_ones(client, place, facilitator):
    response = client.post(URL, upload("bad_rows.csv", place.belfort_event, skip_errors=True))
    assert b'data-created="2"' in response.content
    assert sorted(Contribution.objects.values_list("text", flat=True)) == [
        "Texte correct numéro deux.",
        "Texte correct numéro un.",
    ]
    assert set(Contribution.objects.values_list("event", "facilitator")) == {
        (place.belfort_event.pk, facilitator.pk)
    }


def test_dry_run_imports_nothing(client, place, facilitator):
    response = client.post(URL, upload("good_utf8_comma.csv", place.big_event, dry_run=True))
    assert response.context["report"].new == 4
    assert not Contribution.objects.exists()


def test_an_unreadable_file_is_a_form_error(client, place, facilitator):
    data = upload("good_utf8_comma.csv", place.big_event)
    data["file"] = SimpleUploadedFile("vide.csv", b"", content_type="text/csv")
    response = client.post(URL, data)
    assert response.status_code == 200
    assert error_codes(response, "file")


def test_a_file_of_another_kind_is_refused(client, place, facilitator):
    data = upload("good_utf8_comma.csv", place.big_event)
    data["file"] = SimpleUploadedFile("photo.png", b"\x89PNG....", content_type="image/png")
    response = client.post(URL, data)
    assert error_codes(response, "file") == ["invalid_extension"]


def test_a_file_over_the_size_limit_is_refused(client, place, facilitator):
    data = upload("good_utf8_comma.csv", place.big_event)
    data["file"] = SimpleUploadedFile("gros.csv", b"x" * (5 * 1024 * 1024 + 1))
    response = client.post(URL, data)
    assert error_codes(response, "file") == ["too_large"]
    assert not Contribution.objects.exists()


def test_an_unpublished_event_cannot_be_chosen(client, place, facilitator):
    place.big_event.unpublish()
    response = client.post(URL, upload("good_utf8_comma.csv", place.big_event))
    assert error_codes(response, "event") == ["invalid_choice"]
    assert not Contribution.objects.exists()


def test_cell_contents_are_escaped_in_the_report(client, place, facilitator):
    data = upload("good_utf8_comma.csv", place.belfort_event)
    data["file"] = SimpleUploadedFile(
        "xss.csv", b"type,texte,commune\nreve,ici,<script>alert(1)</script>\n"
    )
    response = client.post(URL, data)
    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content


def test_the_upload_is_protected_by_csrf(world, place):
    client = Client(enforce_csrf_checks=True)
    staff_login(client, world.people["Animateurs"])
    response = client.post(URL, upload("good_utf8_comma.csv", place.big_event))
    assert response.status_code == 403
    assert not Contribution.objects.exists()


def test_the_empty_spreadsheet_names_the_columns(client, place, facilitator):
    response = client.get(reverse("consultation_import_template"))
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header.split(";")[:5] == ["type", "territoire", "commune", "titre", "texte"]


def test_the_menu_links_facilitators_to_the_capture_page(client, place, facilitator):
    response = client.get(reverse("wagtailadmin_home"))
    assert reverse("consultation:capture").encode() in response.content


def test_the_menu_hides_the_import_from_editors(world, client, place):
    staff_login(client, world.people["Éditeurs"])
    response = client.get(reverse("wagtailadmin_home"))
    assert URL.encode() not in response.content


@pytest.mark.parametrize(
    ("field", "value"),
    [("event", "abc"), ("event", "9" * 5000), ("event", ""), ("file", "")],
)
def test_bad_form_input_is_a_form_error(client, place, facilitator, field, value):
    data = upload("good_utf8_comma.csv", place.big_event)
    data[field] = value
    response = client.post(URL, data)
    assert response.status_code == 200
    assert error_codes(response, field)
    assert not Contribution.objects.exists()
