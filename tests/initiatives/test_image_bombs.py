"""Image bombs: a small file declaring huge dimensions (13,000 × 13,000 pixels in 0.5 MB, 500 MB
once decoded) is refused from its header, fast, before anything decodes it, and nothing is
stored; on the public creation and edit forms and in Wagtail's admin alike."""

import functools
import io
import struct
import time
import warnings
import zlib

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from PIL import PngImagePlugin
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField

from initiatives import images
from initiatives.models import InitiativePage
from tests.factories import UserFactory
from tests.initiatives import core_helpers, create_helpers
from tests.initiatives import editing_helpers as helpers

pytestmark = pytest.mark.django_db

SIDE = 13_000
# Decoding the bomb takes seconds (4 to 9 s per request in production); reading its header
# takes milliseconds. The margin leaves room for a loaded test machine.
FAST = 1.0


def build_world():
    index, territories, enjeux = helpers.tree()
    page = helpers.initiative(index, territories, enjeux)
    return {"territories": territories, "page": page}


def _chunk(kind, data):
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


@functools.cache
def png_bomb(side=SIDE):
    """A valid RGB PNG of ``side`` × ``side`` black pixels: about 0.5 MB for 13,000 × 13,000,
    written row by row without ever holding the decoded pixels."""
    row = b"\0" * (1 + side * 3)  # filter byte, then RGB
    compressor = zlib.compressobj(9, zlib.DEFLATED, 15, 9, zlib.Z_RLE)
    body = b"".join([compressor.compress(row) for _ in range(side)]) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", body)
        + _chunk(b"IEND", b"")
    )


def bomb_upload(side=SIDE):
    return SimpleUploadedFile("bombe.png", png_bomb(side), content_type="image/png")


def stored_originals():
    if not default_storage.exists("original_images"):
        return set()
    return set(default_storage.listdir("original_images")[1])


@pytest.fixture(autouse=True)
def _no_bomb_warning():
    # Pillow warns about images above its own limit (89 million pixels) when it reads their
    # header; the bomb is meant to be one.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PillowImage.DecompressionBombWarning)
        yield


def test_the_bomb_is_a_small_file_declaring_huge_dimensions():
    data = png_bomb()
    assert len(data) < 600_000
    with PillowImage.open(io.BytesIO(data)) as image:
        assert image.size == (SIDE, SIDE)
    assert SIDE * SIDE > settings.MAX_IMAGE_PIXELS


def test_cleaning_refuses_the_bomb_from_its_header_fast():
    upload = bomb_upload()
    started = time.monotonic()
    with pytest.raises(ValidationError) as refused:
        images.strip_metadata(upload)
    assert time.monotonic() - started < FAST
    assert refused.value.code == "too_many_pixels"
    message = refused.value.messages[0]
    assert "13000 × 13000" in message


def test_the_form_field_refuses_the_bomb_before_django_reads_it(monkeypatch):
    """Django's ``ImageField`` calls Pillow's ``verify``, which inflates a PNG's whole data
    (0.4 s for the bomb): the header is enough to refuse it."""

    def no_verify(image):
        raise AssertionError("verify() read the bomb")

    monkeypatch.setattr(PngImagePlugin.PngImageFile, "verify", no_verify)
    started = time.monotonic()
    with pytest.raises(ValidationError) as refused:
        images.PixelBoundImageField().clean(bomb_upload())
    assert time.monotonic() - started < 0.1
    assert refused.value.code == "too_many_pixels"


def test_the_form_field_refuses_what_pillow_will_not_open(monkeypatch, settings):
    """Over twice Pillow's own limit, Pillow refuses to open the file: still our message."""
    monkeypatch.setattr(PillowImage, "MAX_IMAGE_PIXELS", 1000)
    upload = SimpleUploadedFile("photo.jpg", create_helpers.jpeg_with_gps((64, 48)))
    with pytest.raises(ValidationError) as refused:
        images.PixelBoundImageField().clean(upload)
    assert refused.value.code == "too_many_pixels"


def test_the_form_field_keeps_a_small_image():
    upload = SimpleUploadedFile("photo.jpg", create_helpers.jpeg_with_gps((64, 48)))
    assert images.PixelBoundImageField().clean(upload).image.size == (64, 48)


def test_cleaning_refuses_an_image_one_pixel_over_the_limit(settings):
    settings.MAX_IMAGE_PIXELS = 64 * 48 - 1
    upload = SimpleUploadedFile("photo.jpg", create_helpers.jpeg_with_gps((64, 48)))
    with pytest.raises(ValidationError):
        images.strip_metadata(upload)


def test_cleaning_keeps_an_image_at_the_limit(settings):
    settings.MAX_IMAGE_PIXELS = 64 * 48
    upload = SimpleUploadedFile("photo.jpg", create_helpers.jpeg_with_gps((64, 48)))
    assert images.strip_metadata(upload).size > 0


def test_the_creation_form_refuses_the_bomb_in_french_and_stores_nothing(world):
    before = stored_originals()
    data = core_helpers.form_data(world["territories"], image_alt="Une image")
    client = create_helpers.client_for(UserFactory())
    started = time.monotonic()
    response = client.post("/initiatives/nouvelle/", {**data, "image_upload": bomb_upload()})
    elapsed = time.monotonic() - started

    assert response.status_code == 400
    assert "est trop grande : 13000 × 13000 pixels" in response.content.decode()
    assert elapsed < FAST + 1
    assert not InitiativePage.objects.filter(title=data["title"]).exists()
    assert get_image_model().objects.count() == 0
    assert stored_originals() == before


def test_the_edit_form_refuses_the_bomb_in_french_and_stores_nothing(world):
    page = world["page"]
    porteur = page.memberships.get().user
    revisions = page.revisions.count()
    before = stored_originals()
    data = helpers.edit_data(page, image_alt="Une image")
    started = time.monotonic()
    response = helpers.client_for(porteur).post(
        helpers.edit_url(page), {**data, "image_upload": bomb_upload()}
    )
    elapsed = time.monotonic() - started

    assert response.status_code == 400
    assert "est trop grande : 13000 × 13000 pixels" in response.content.decode()
    assert elapsed < FAST + 1
    assert helpers.fresh(page).revisions.count() == revisions
    assert get_image_model().objects.count() == 0
    assert stored_originals() == before


def test_the_admin_image_field_refuses_the_bomb():
    """Wagtail's own uploads (the admin's images) read ``WAGTAILIMAGES_MAX_IMAGE_PIXELS``:
    7,000 × 7,000 pixels (49 million) is under Wagtail's default (128 million), over ours."""
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS <= settings.MAX_IMAGE_PIXELS < 7000 * 7000
    with pytest.raises(ValidationError) as refused:
        WagtailImageField().clean(bomb_upload(7000))
    assert refused.value.code == "file_too_many_pixels"
