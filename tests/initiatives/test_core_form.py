"""The initiative form shared by the creation and edit pages: server-side checks."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cms_pages.models import Commune
from initiatives.forms import InitiativeForm
from initiatives.models import InitiativePage
from tests.factories import ContributionFactory
from tests.initiatives import core_helpers as helpers

pytestmark = pytest.mark.django_db


def build_world():
    """The tree (home, territories, enjeux, the initiative index), built once for the module."""
    return helpers.tree()


@pytest.fixture
def setup(world):
    return world


def bound(data, files=None, instance=None):
    return InitiativeForm(data, files, instance=instance or InitiativePage())


def test_valid_form_fills_the_page_in_memory_with_relations(setup):
    _, territories, enjeux = setup
    form = bound(helpers.form_data(territories[:1], enjeux))
    assert form.is_valid(), form.errors
    page = form.save()
    assert page.pk is None
    assert [t.pk for t in page.territories.all()] == [territories[0].pk]
    assert sorted(e.pk for e in page.enjeux.all()) == sorted(e.pk for e in enjeux)
    assert sorted(t.name for t in page.tags.all()) == ["réparation", "vélo"]
    assert [b.value for b in page.needs] == ["Un local", "Des outils"]


def test_plain_paragraphs_become_html_paragraphs(setup):
    _, territories, _ = setup
    form = bound(helpers.form_data(territories, description="Un\ndeux\n\nTrois"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["description"] == "<p>Un<br>deux</p><p>Trois</p>"


@pytest.mark.parametrize(
    "hostile, forbidden",
    [
        ("<p>x<script>alert(1)</script></p>", "<script"),
        ('<p onclick="alert(1)">x</p>', "onclick"),
        ('<p><a href="javascript:alert(1)">x</a></p>', "javascript:"),
        ('<p><a href="data:text/html;base64,PHNjcmlwdD4=">x</a></p>', "data:"),
        ('<p><img src="x" onerror="alert(1)"></p>', "<img"),
        ('<p style="color:red">x</p>', "style"),
    ],
)
def test_description_is_cleaned_to_the_allowed_tags(setup, hostile, forbidden):
    _, territories, _ = setup
    form = bound(helpers.form_data(territories, description=hostile))
    assert form.is_valid(), form.errors
    assert forbidden not in form.cleaned_data["description"]


def test_allowed_formatting_and_safe_links_are_kept(setup):
    _, territories, _ = setup
    html = (
        '<h2>Titre</h2><p><b>gras</b> <i>it</i> <a href="https://exemple.fr">lien</a></p>'
        "<ul><li>a</li></ul>"
    )
    form = bound(helpers.form_data(territories, description=html))
    assert form.is_valid(), form.errors
    cleaned = form.cleaned_data["description"]
    assert "<h2>Titre</h2>" in cleaned and "<b>gras</b>" in cleaned and "<li>a</li>" in cleaned
    assert 'href="https://exemple.fr"' in cleaned and 'rel="nofollow ugc noopener"' in cleaned


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 121}, "title"),
        ({"summary": "x" * 301}, "summary"),
        ({"territories": []}, "territories"),
        ({"maturity": "géniale"}, "maturity"),
        ({"economic_purpose": ""}, "economic_purpose"),
        ({"organisation_mode": "secte"}, "organisation_mode"),
        ({"membership_policy": "fermé"}, "membership_policy"),
        ({"tags_text": "a, b, c, d, e, f"}, "tags_text"),
        ({"needs_text": "\n".join(f"besoin {n}" for n in range(16))}, "needs_text"),
        ({"needs_text": "x" * 201}, "needs_text"),
        ({"commune": "999999"}, "commune"),
        ({"inspired_by": "abc"}, "inspired_by"),
        ({"latitude": "47.6", "longitude": ""}, "latitude"),
        ({"latitude": "nan", "longitude": "6.8"}, "latitude"),
        ({"latitude": "91", "longitude": "6.8"}, "latitude"),
        ({"description": "x" * 10001}, "description"),
    ],
)
def test_bad_input_gets_a_field_error(setup, overrides, field):
    _, territories, _ = setup
    form = bound(helpers.form_data(territories, **overrides))
    assert not form.is_valid()
    assert field in form.errors


def test_commune_must_belong_to_a_chosen_territory(setup):
    _, territories, _ = setup
    elsewhere = Commune.objects.create(
        territory=territories[1], name="Ailleurs", insee_code="90001"
    )
    territories[1].save_revision().publish()
    form = bound(helpers.form_data(territories[:1], commune=str(elsewhere.pk)))
    assert not form.is_valid()
    assert form.errors.as_data()["commune"][0].code == "commune_outside_territories"


def test_only_published_contributions_can_be_named_as_inspiration(setup):
    _, territories, _ = setup
    published = ContributionFactory(territory=territories[0])
    pending = ContributionFactory(territory=territories[0], status="pending")
    ok = bound(helpers.form_data(territories, inspired_by=f"{published.pk}"))
    assert ok.is_valid(), ok.errors
    assert [c.pk for c in ok.save().inspired_by.all()] == [published.pk]
    refused = bound(helpers.form_data(territories, inspired_by=f"{published.pk}, {pending.pk}"))
    assert not refused.is_valid()
    assert str(pending.pk) in str(refused.errors["inspired_by"])


def test_contribution_addresses_are_accepted(setup):
    _, territories, _ = setup
    published = ContributionFactory(territory=territories[0])
    form = bound(
        helpers.form_data(
            territories, inspired_by=f"http://127.0.0.1:8000/contributions/{published.pk}/"
        )
    )
    assert form.is_valid(), form.errors


def test_a_point_is_stored_as_ewkt_and_floats(setup):
    _, territories, _ = setup
    form = bound(helpers.form_data(territories, latitude="47.64", longitude="6.86"))
    assert form.is_valid(), form.errors
    page = form.save()
    assert page.location == "SRID=4326;POINT(6.86 47.64)"
    assert (page.latitude, page.longitude) == (47.64, 6.86)


def jpeg_with_gps():
    image = Image.new("RGB", (64, 48), "red")
    exif = Image.Exif()
    exif[0x010F] = "Appareil Secret"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (47.0, 38.0, 0.0)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def test_uploaded_image_loses_its_exif_and_gps_data(setup):
    _, territories, _ = setup
    raw = jpeg_with_gps()
    assert b"Appareil Secret" in raw
    upload = SimpleUploadedFile("photo.jpg", raw, content_type="image/jpeg")
    form = bound(helpers.form_data(territories, image_alt="Des vélos"), {"image_upload": upload})
    assert form.is_valid(), form.errors
    page = form.save()
    stored = page.image.file.read()
    assert b"Appareil Secret" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()
    assert page.image.title == "Des vélos"
    assert "photo" not in page.image.file.name


def test_image_needs_a_description(setup):
    _, territories, _ = setup
    upload = SimpleUploadedFile("photo.jpg", jpeg_with_gps(), content_type="image/jpeg")
    form = bound(helpers.form_data(territories), {"image_upload": upload})
    assert not form.is_valid()
    assert "image_alt" in form.errors


def test_a_file_that_is_not_an_image_is_refused(setup):
    _, territories, _ = setup
    upload = SimpleUploadedFile("photo.jpg", b"<?php echo 1; ?>", content_type="image/jpeg")
    form = bound(helpers.form_data(territories, image_alt="x"), {"image_upload": upload})
    assert not form.is_valid()
    assert "image_upload" in form.errors


def test_an_image_over_the_size_limit_is_refused(setup, settings):
    settings.INITIATIVE_IMAGE_MAX_BYTES = 100
    _, territories, _ = setup
    upload = SimpleUploadedFile("photo.jpg", jpeg_with_gps(), content_type="image/jpeg")
    form = bound(helpers.form_data(territories, image_alt="x"), {"image_upload": upload})
    assert not form.is_valid()
    assert "image_upload" in form.errors
