"""An initiative's image: checked, re-encoded without its metadata, stored under a random name.

Re-encoding drops EXIF (GPS position, camera, date), XMP and text chunks; the random name keeps
the file of an unpublished initiative out of reach of anyone who was not shown it (the pages
serve it through ``initiatives:image``, which checks who is asking).

An image of more than ``MAX_IMAGE_PIXELS`` pixels is refused before it is decoded: Pillow opens
a file lazily and reads its size from the header, so a small file declaring huge dimensions (an
"image bomb": 518 KB for 13,000 × 13,000 pixels, 500 MB once decoded) costs nothing."""

import io
import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image as PillowImage
from PIL import ImageOps
from wagtail.images import get_image_model
from wagtail.models import Collection

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
COLLECTION_NAME = "Initiatives"


def check_pixels(image):
    """Refuse (ValidationError in French) an opened, not yet decoded, image of more than
    ``MAX_IMAGE_PIXELS`` pixels: only its header has been read."""
    width, height = image.size
    if width * height > settings.MAX_IMAGE_PIXELS:
        raise ValidationError(
            _(
                "The image is too large: %(width)s × %(height)s pixels, at most "
                "%(max)s million pixels."
            ),
            code="too_many_pixels",
            params={
                "width": width,
                "height": height,
                "max": settings.MAX_IMAGE_PIXELS // 1_000_000,
            },
        )


class PixelBoundImageField(forms.ImageField):
    """Django's image field, which refuses an image of too many pixels from its header before
    Django's own check reads the whole file (``verify`` inflates a PNG's data: 0.4 s for the
    13,000 × 13,000 one)."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is not None:
            try:
                upload.seek(0)
                with PillowImage.open(upload) as image:
                    check_pixels(image)
            except PillowImage.DecompressionBombError:
                # Twice Pillow's own limit: it refuses to open it at all.
                raise ValidationError(
                    _("The image is too large: at most %(max)s million pixels."),
                    code="too_many_pixels",
                    params={"max": settings.MAX_IMAGE_PIXELS // 1_000_000},
                ) from None
            except (OSError, ValueError):
                pass  # Not an image: Django's check says so in its own words.
            finally:
                upload.seek(0)
        return super().to_python(data)


def strip_metadata(upload):
    """Return the upload re-encoded without metadata, or raise a ValidationError in French."""
    if upload.size > settings.INITIATIVE_IMAGE_MAX_BYTES:
        raise ValidationError(
            _("The image is too large: at most %(max)s MB."),
            code="too_large",
            params={"max": settings.INITIATIVE_IMAGE_MAX_BYTES // (1024 * 1024)},
        )
    try:
        upload.seek(0)
        with PillowImage.open(upload) as original:
            image_format = original.format
            if image_format not in FORMATS:
                raise ValidationError(_("Send a JPEG, PNG or WebP image."), code="invalid_format")
            # Before anything decodes the pixels (exif_transpose, thumbnail).
            check_pixels(original)
            image = ImageOps.exif_transpose(original)
            image.thumbnail((settings.INITIATIVE_IMAGE_MAX_SIDE,) * 2)
            if image_format == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            buffer = io.BytesIO()
            # No exif=, no pnginfo=: Pillow writes none of the original's metadata.
            image.save(buffer, format=image_format, quality=88)
    except ValidationError:
        raise
    except (OSError, ValueError, PillowImage.DecompressionBombError):
        raise ValidationError(
            _("This file could not be read as an image."), code="invalid_image"
        ) from None
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.{FORMATS[image_format]}")


def initiatives_collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    return existing or root.add_child(name=COLLECTION_NAME)


def create_image(file, title, user):
    """Store a cleaned image file as a Wagtail image in the Initiatives collection."""
    return get_image_model().objects.create(
        title=title[:255],
        file=file,
        uploaded_by_user=user,
        collection=initiatives_collection(),
    )
