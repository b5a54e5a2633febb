"""Free keywords typed by citizens and facilitators: one parsing for every form and import."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_TAGS = 5
TAG_MAX_LENGTH = 30


def parse_tags(text):
    """Keywords separated by commas or semicolons, lower-cased, without “#” or repeats.

    Raises a ValidationError (codes ``tag_too_long``, ``too_many_tags``) past the limits.
    """
    tags = []
    for raw in text.replace(";", ",").split(","):
        tag = " ".join(raw.split()).lstrip("#").strip().lower()
        if not tag or tag in tags:
            continue
        if len(tag) > TAG_MAX_LENGTH:
            raise ValidationError(
                _("The keyword “%(tag)s…” is too long: at most %(max)s characters."),
                code="tag_too_long",
                params={"tag": tag[:TAG_MAX_LENGTH], "max": TAG_MAX_LENGTH},
            )
        tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise ValidationError(
            _("At most %(max)s keywords (%(count)s given)."),
            code="too_many_tags",
            params={"max": MAX_TAGS, "count": len(tags)},
        )
    return tags
