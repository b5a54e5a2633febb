"""Saving an initiative's edit form and sending images are limited per account: a member
saving in a loop, or sending image after image (each one decoded: a heavy task), is slowed
down with a 429 and a French message, and a refused save or image writes nothing and decodes
nothing."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model

from initiatives import images
from initiatives.models import InitiativePage
from tests.factories import UserFactory
from tests.initiatives import create_helpers
from tests.initiatives import editing_helpers as helpers

pytestmark = pytest.mark.django_db


def build_world():
    index, territories, _enjeux = helpers.tree()
    return index, territories


@pytest.fixture
def page(world):
    index, territories = world
    return helpers.initiative(index, territories[:1])


@pytest.fixture
def member(page):
    return helpers.member(page, display_name="Membre Bruno")


@pytest.fixture
def decoded(monkeypatch):
    """The images decoded by the forms (``images.strip_metadata`` calls)."""
    calls = []
    real = images.strip_metadata

    def counting(upload):
        calls.append(upload.name)
        return real(upload)

    monkeypatch.setattr(images, "strip_metadata", counting)
    return calls


def photo(name="photo.jpg"):
    return SimpleUploadedFile(name, create_helpers.jpeg_with_gps(), content_type="image/jpeg")


def save(client, page, **changes):
    return client.post(helpers.edit_url(page), helpers.edit_data(page, **changes))


def test_saves_beyond_the_limit_are_refused_and_store_nothing(page, member, settings):
    settings.INITIATIVE_EDIT_RATE_LIMIT = (2, 3600)
    client = helpers.client_for(member)
    assert [save(client, page, summary=f"Résumé {n}.").status_code for n in range(2)] == [302] * 2
    before = len(helpers.revisions_of(page))

    response = save(client, page, summary="Un résumé de trop.")

    assert response.status_code == 429
    assert "Veuillez patienter un peu avant d'enregistrer de nouveau" in html.unescape(
        response.text
    )
    assert "Un résumé de trop." in response.text
    assert len(helpers.revisions_of(page)) == before
    assert helpers.fresh(page).summary == "Résumé 1."


def test_a_save_that_changes_nothing_costs_nothing(page, member, settings):
    settings.INITIATIVE_EDIT_RATE_LIMIT = (1, 3600)
    client = helpers.client_for(member)
    save(client, page)
    assert save(client, page, summary="Enfin un changement.").status_code == 302


def test_each_member_has_their_own_allowance(page, member, settings):
    settings.INITIATIVE_EDIT_RATE_LIMIT = (1, 3600)
    save(helpers.client_for(member), page, summary="Premier changement.")
    other = helpers.member(page)
    assert save(helpers.client_for(other), page, summary="Le sien.").status_code == 302


def test_images_beyond_the_limit_are_refused_before_being_decoded(page, member, settings, decoded):
    settings.INITIATIVE_IMAGE_RATE_LIMIT = (1, 3600)
    client = helpers.client_for(member)
    data = {"image_alt": "Un atelier", "image_upload": photo("premiere.jpg")}
    assert client.post(helpers.edit_url(page), helpers.edit_data(page, **data)).status_code == 302
    before = len(helpers.revisions_of(page))

    data = {"image_alt": "Un autre atelier", "image_upload": photo("seconde.jpg")}
    response = client.post(helpers.edit_url(page), helpers.edit_data(page, **data))

    assert response.status_code == 429
    assert "Veuillez patienter un peu avant d'en envoyer une autre" in html.unescape(response.text)
    assert decoded == ["premiere.jpg"]
    assert get_image_model().objects.count() == 1
    assert len(helpers.revisions_of(page)) == before


def test_an_image_refused_as_unreadable_still_counts(page, member, settings):
    settings.INITIATIVE_IMAGE_RATE_LIMIT = (1, 3600)
    client = helpers.client_for(member)
    junk = SimpleUploadedFile("faux.png", b"pas une image", content_type="image/png")
    data = {"image_alt": "x", "image_upload": junk}
    assert client.post(helpers.edit_url(page), helpers.edit_data(page, **data)).status_code == 400
    data = {"image_alt": "Un atelier", "image_upload": photo()}
    assert client.post(helpers.edit_url(page), helpers.edit_data(page, **data)).status_code == 429
    assert not get_image_model().objects.exists()


def test_the_creation_form_counts_images_too(world, settings, decoded):
    settings.INITIATIVE_IMAGE_RATE_LIMIT = (1, 3600)
    _index, territories = world
    citizen = UserFactory()
    client = create_helpers.client_for(citizen)

    def create(title, **files):
        data = create_helpers.form_data(territories, title=title, image_alt="Des outils")
        return client.post("/initiatives/nouvelle/", {**data, **files})

    assert create("Première", image_upload=photo("a.jpg")).status_code == 302
    response = create("Seconde", image_upload=photo("b.jpg"))
    assert response.status_code == 429
    assert decoded == ["a.jpg"]
    assert list(InitiativePage.objects.filter(owner=citizen).values_list("title", flat=True)) == [
        "Première"
    ]
    # Without an image, the same form goes through.
    assert create("Seconde").status_code == 302
