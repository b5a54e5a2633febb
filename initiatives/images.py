"""An initiative's image: checked, re-encoded without its metadata, stored under a random name.

Re-encoding drops EXIF (GPS position, camera, date), XMP and text chunks; the random name keeps
the file of an unpublished initiative out of reach of anyone who was not shown it (the pages
serve it through ``initiatives:image``, which checks who is asking)."""

import io
import uuid

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
