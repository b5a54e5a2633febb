"""Reading the file an import command is given."""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _


def read_bytes(path):
    """The file's bytes, or a CommandError that says why it cannot be read."""
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise CommandError(
            _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error.strerror}
        ) from error
