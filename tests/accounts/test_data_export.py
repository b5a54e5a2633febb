"""A citizen downloads a copy of their data (RGPD article 15): asked for on the profile,
prepared in the background as a ZIP (JSON + a readable page), e-mailed as a link that works for
its owner only until it expires, then purged with its file (``accounts.data_export``)."""

import io
import json
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from accounts import data_export
from accounts.models import PersonalDataExport
from accounts.personal_data import PersonalDataPart, export_personal_data
from cms_pages.extension_points import PERSONAL_DATA
from tests import factories
from website.settings import base as base_settings

pytestmark = pytest.mark.django_db

HOSTILE_NAME = "<script>alert(1)</script> Zoé"
REQUEST_URL = "/comptes/donnees/"


def build_world():
    factories.site_with_home_page()
    citizen = factories.UserFactory(email="zoe@example.org", display_name=HOSTILE_NAME)
    other = factories.UserFactory(email="autre@example.org", display_name="Quelqu'un d'autre")
    return {"citizen": citizen, "other": other}


@pytest.fixture
def citizen(world, client):
    client.force_login(world["citizen"])
    return world["citizen"]


def ask(client, capture):
    """Post the profile's button; the task runs after commit (inline in the tests)."""
    with capture(execute=True):
        return client.post(REQUEST_URL)


def ready_export(user, **fields):
    """A ready export with a small file, as the task leaves it."""
    export = PersonalDataExport.objects.create(
        user=user,
        status=PersonalDataExport.Status.READY,
        ready_at=timezone.now(),
        size=4,
        **fields,
    )
    export.file.save("essai.zip", ContentFile(b"PK\x05\x06"), save=True)
    return export


def zip_members(export):
    with export.file.open("rb") as file, zipfile.ZipFile(io.BytesIO(file.read())) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist()}


def without_date(data):
    return {key: value for key, value in data.items() if key != "exported_at"}


def test_asking_prepares_a_zip_of_the_json_and_a_readable_page(
    citizen, client, django_capture_on_commit_callbacks
):
    response = ask(client, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    export = PersonalDataExport.objects.get(user=citizen)
    assert export.status == PersonalDataExport.Status.READY
    assert export.expires_at - export.ready_at == timedelta(days=settings.PERSONAL_DATA_EXPORT_DAYS)
    members = zip_members(export)
    assert set(members) == {"donnees.json", "donnees.html", "LISEZMOI.txt"}
    assert export.size == export.file.size
    data = json.loads(members["donnees.json"])
    now = json.loads(json.dumps(export_personal_data(citizen)))
    # Since the ZIP was built, one mail more is kept for the citizen: the one saying it is ready.
    assert [mail["subject"] for mail in now["parts"]["emails"]["data"]] == [
        *(mail["subject"] for mail in data["parts"]["emails"]["data"]),
        "[Aux actes citoyens] Vos données sont prêtes à télécharger",
    ]
    del data["parts"]["emails"], now["parts"]["emails"]
    assert without_date(data) == without_date(now)
    # Not escaped as \u sequences: readable in any text editor.
    assert HOSTILE_NAME in members["donnees.json"]
    assert "Votre compte" in members["donnees.json"]


def test_the_readable_page_escapes_every_text_and_needs_nothing_else(
    citizen, client, django_capture_on_commit_callbacks
):
    ask(client, django_capture_on_commit_callbacks)
    page = zip_members(PersonalDataExport.objects.get(user=citizen))["donnees.html"]

    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Zoé" in page
    assert '<html lang="fr">' in page
    assert "Vos données sur Aux actes citoyens" in page
    assert "Nom affiché" in page  # the keys get French names
    # Standalone: no script, no file or address elsewhere.
    assert "src=" not in page
    assert 'href="http' not in page
    assert "<link" not in page


def test_a_plugin_part_is_drawn_without_a_template_of_its_own(
    citizen, client, django_capture_on_commit_callbacks
):
    def badges():
        return PersonalDataPart(
            key="badges",
            label="Badges <b>gagnés</b>",
            export=lambda user: {
                "level": 3,
                "won": [
                    {"name": "<i>Première</i>", "on": "2025-03-01T09:30:00+00:00"},
                    {"name": "Seconde", "note": "ligne 1\nligne 2"},
                ],
                "colours": ["rouge", "vert"],
                "empty": [],
            },
        )

    with hooks.register_temporarily(PERSONAL_DATA, badges):
        ask(client, django_capture_on_commit_callbacks)
    members = zip_members(PersonalDataExport.objects.get(user=citizen))
    page = members["donnees.html"]

    assert json.loads(members["donnees.json"])["parts"]["badges"]["data"]["level"] == 3
    assert 'id="badges">Badges &lt;b&gt;gagnés&lt;/b&gt;</h2>' in page
    # A list of records is a table, one column per key met, in the order met.
    assert '<th scope="col">name</th><th scope="col">on</th><th scope="col">note</th>' in page
    assert "&lt;i&gt;Première&lt;/i&gt;" in page
    assert "1 mars 2025 à 10:30" in page  # an ISO date in French, Paris time
    assert '<li><span class="text">rouge</span></li>' in page
    assert "Rien." in page  # the empty list


def test_the_owner_is_emailed_the_link_and_its_expiry(
    citizen, client, django_capture_on_commit_callbacks
):
    ask(client, django_capture_on_commit_callbacks)
    export = PersonalDataExport.objects.get(user=citizen)

    [message] = [m for m in mail.outbox if m.to == [citizen.email]]
    body = message.body
    assert message.subject == "[Aux actes citoyens] Vos données sont prêtes à télécharger"
    assert body.startswith(f"Bonjour {HOSTILE_NAME},")
    assert f"http://testserver/comptes/donnees/{export.token}/" in body
    expires = timezone.localtime(export.expires_at)
    assert f"jusqu'au {expires.day} " in body
    assert f"{expires:%Y} à {expires:%H:%M}" in body
    assert "connecté" in body
    assert "http://testserver/comptes/profil/" in body
    assert "Aux actes citoyens" in body
    assert "example.com" not in body
    assert citizen.username not in body
    html = message.alternatives[0][0]
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def test_the_owner_downloads_the_zip_and_it_is_never_stored(
    citizen, client, django_capture_on_commit_callbacks
):
    ask(client, django_capture_on_commit_callbacks)
    export = PersonalDataExport.objects.get(user=citizen)

    response = client.get(f"/comptes/donnees/{export.token}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    day = timezone.localdate(export.ready_at).isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="donnees-aux-actes-citoyens-{day}.zip"'
    )
    assert "no-store" in response["Cache-Control"]
    content = b"".join(response.streaming_content)
    assert zipfile.ZipFile(io.BytesIO(content)).testzip() is None


def test_nobody_else_learns_that_the_export_exists(world, client):
    export = ready_export(world["citizen"])
    url = f"/comptes/donnees/{export.token}/"

    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/comptes/login/")

    client.force_login(world["other"])
    assert client.get(url).status_code == 404
    assert client.get("/comptes/donnees/un-jeton-qui-n-existe-pas/").status_code == 404


def test_an_export_not_ready_cannot_be_downloaded(citizen, client):
    pending = PersonalDataExport.objects.create(user=citizen)
    failed = PersonalDataExport.objects.create(
        user=citizen, status=PersonalDataExport.Status.FAILED
    )
    assert client.get(f"/comptes/donnees/{pending.token}/").status_code == 404
    assert client.get(f"/comptes/donnees/{failed.token}/").status_code == 404


def test_an_expired_link_says_so_and_offers_a_new_export(citizen, client):
    export = ready_export(citizen, expires_at=timezone.now() - timedelta(minutes=1))

    response = client.get(f"/comptes/donnees/{export.token}/")

    assert response.status_code == 410
    text = response.content.decode()
    assert "Ce lien de téléchargement a expiré" in text
    assert f'action="{REQUEST_URL}"' in text
    assert "Préparer l’export de mes données" in text or "Préparer l'export de mes données" in text
    assert "no-store" in response["Cache-Control"]


def test_a_request_while_one_is_being_prepared_is_refused(
    citizen, client, django_capture_on_commit_callbacks
):
    PersonalDataExport.objects.create(user=citizen)

    response = ask(client, django_capture_on_commit_callbacks)

    assert PersonalDataExport.objects.filter(user=citizen).count() == 1
    assert PersonalDataExport.objects.get(user=citizen).status == "pending"
    assert "déjà en préparation" in client.get(response["Location"]).content.decode()


def test_a_request_whose_preparation_stalled_gives_way_to_a_new_one(
    citizen, client, django_capture_on_commit_callbacks
):
    """A task lost (a worker restarted) must not block the citizen until the link's expiry."""
    stalled = PersonalDataExport.objects.create(
        user=citizen, created_at=timezone.now() - timedelta(hours=2)
    )
    page = client.get("/comptes/profil/").content.decode()
    assert 'data-data-export-state="failed"' in page
    assert f'action="{REQUEST_URL}"' in page

    ask(client, django_capture_on_commit_callbacks)

    fresh = PersonalDataExport.objects.exclude(pk=stalled.pk).get(user=citizen)
    assert fresh.status == "ready"


def test_requests_are_limited_per_account(
    citizen, client, settings, django_capture_on_commit_callbacks
):
    settings.PERSONAL_DATA_EXPORT_RATE_LIMIT = (2, 3600)
    ready_export(citizen, created_at=timezone.now() - timedelta(hours=2))  # out of the window
    ask(client, django_capture_on_commit_callbacks)
    ask(client, django_capture_on_commit_callbacks)

    response = ask(client, django_capture_on_commit_callbacks)

    assert PersonalDataExport.objects.filter(user=citizen).count() == 3
    assert "trop de fois" in client.get(response["Location"]).content.decode()


def test_asking_needs_a_post_with_its_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["citizen"])
    assert client.get(REQUEST_URL).status_code == 405
    assert client.post(REQUEST_URL).status_code == 403
    assert not PersonalDataExport.objects.exists()
    assert Client().post(REQUEST_URL).status_code == 302  # to the login page


def test_a_failure_marks_the_export_failed_and_keeps_no_file(
    citizen, client, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(user):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(data_export, "export_personal_data", broken)
    ask(client, django_capture_on_commit_callbacks)

    export = PersonalDataExport.objects.get(user=citizen)
    assert export.status == PersonalDataExport.Status.FAILED
    assert not export.file
    assert not [m for m in mail.outbox if m.to == [citizen.email]]
    page = client.get("/comptes/profil/").content.decode()
    assert 'data-data-export-state="failed"' in page


def test_a_file_is_never_left_when_the_account_went_meanwhile(world, monkeypatch):
    export = PersonalDataExport.objects.create(user=world["citizen"])
    saved = []
    storage = export.file.storage
    original_save = storage.save

    def save_then_delete_the_row(name, content, **kwargs):
        saved.append(original_save(name, content, **kwargs))
        PersonalDataExport.objects.filter(pk=export.pk).delete()
        return saved[-1]

    monkeypatch.setattr(storage, "save", save_then_delete_the_row)
    assert data_export.build_export(export.pk) is False
    assert saved and not storage.exists(saved[0])


def test_the_profile_says_where_the_export_stands(citizen, client):
    section = 'id="vos-donnees"'
    page = client.get("/comptes/profil/").content.decode()
    assert section in page
    assert "Préparer l’export de mes données" in page or "Préparer l'export de mes données" in page
    assert "data-data-export-state" not in page

    export = PersonalDataExport.objects.create(user=citizen)
    page = client.get("/comptes/profil/").content.decode()
    assert 'data-data-export-state="pending"' in page
    assert f'action="{REQUEST_URL}"' not in page

    PersonalDataExport.objects.filter(pk=export.pk).delete()
    ready = ready_export(citizen)
    page = client.get("/comptes/profil/").content.decode()
    assert 'data-data-export-state="ready"' in page
    assert f'href="/comptes/donnees/{ready.token}/"' in page
    assert f"{timezone.localtime(ready.expires_at):%Y}" in page

    PersonalDataExport.objects.filter(pk=ready.pk).update(expires_at=timezone.now())
    page = client.get("/comptes/profil/").content.decode()
    assert 'data-data-export-state="expired"' in page
    assert ready.token not in page


def test_the_profile_asks_the_same_queries_whatever_the_exports(world, client):
    def profile_queries(user):
        client.force_login(user)
        caches["pages"].clear()  # the menus' fragments are rendered for each, alike
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/comptes/profil/").status_code == 200
        return len(queries)

    without = profile_queries(world["other"])
    for _ in range(5):
        ready_export(world["citizen"])
    assert profile_queries(world["citizen"]) == without


def test_expired_exports_are_purged_with_their_files(world, django_capture_on_commit_callbacks):
    now = timezone.now()
    expired = ready_export(world["citizen"], expires_at=now - timedelta(seconds=1))
    stuck = PersonalDataExport.objects.create(user=world["other"], expires_at=now)
    kept = ready_export(world["other"], expires_at=now + timedelta(hours=1))
    storage = expired.file.storage

    assert data_export.purge_expired_exports(now=now, dry_run=True) == 2
    assert PersonalDataExport.objects.count() == 3

    with django_capture_on_commit_callbacks(execute=True):
        assert data_export.purge_expired_exports(now=now) == 2

    assert list(PersonalDataExport.objects.all()) == [kept]
    assert not storage.exists(expired.file.name)
    assert storage.exists(kept.file.name)
    assert not PersonalDataExport.objects.filter(pk=stuck.pk).exists()


def test_a_deleted_account_takes_its_exports_and_their_files(
    world, django_capture_on_commit_callbacks
):
    export = ready_export(world["citizen"])
    name, storage = export.file.name, export.file.storage

    with django_capture_on_commit_callbacks(execute=True):
        world["citizen"].delete()

    assert not PersonalDataExport.objects.filter(pk=export.pk).exists()
    assert not storage.exists(name)


def test_a_deletion_rolled_back_keeps_the_file(world, django_capture_on_commit_callbacks):
    export = ready_export(world["citizen"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        export.delete()
    assert callbacks  # deleted only once committed
    assert export.file.storage.exists(export.file.name)


def test_the_files_go_to_a_private_storage_outside_the_media():
    assert PersonalDataExport._meta.get_field("file").storage is storages["private"]
    private = base_settings.STORAGES["private"]["OPTIONS"]
    assert (
        not Path(private["location"])
        .resolve()
        .is_relative_to(Path(base_settings.MEDIA_ROOT).resolve())
    )
    assert private["file_permissions_mode"] == 0o600


def test_tokens_are_unguessable_and_unique(world):
    first = PersonalDataExport.objects.create(user=world["citizen"])
    second = PersonalDataExport.objects.create(user=world["citizen"])
    assert first.token != second.token
    assert len(first.token) >= 40
