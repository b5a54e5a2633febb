"""Shared set-up of the creation tests: the tree, a valid form, a citizen's client, the
moderators' decisions and a JPEG carrying GPS data."""

import io

from PIL import Image

from initiatives import publication
from tests.initiatives import core_helpers
from tests.initiatives.core_helpers import client_for, editor, fresh, moderator  # noqa: F401

tree = core_helpers.tree


def form_data(territories, enjeux=(), **overrides):
    return core_helpers.form_data(territories, enjeux, **overrides)


def decide(page, action, comment="", user=None):
    """A moderator approves or asks for changes, as the admin's workflow buttons do."""
    state = publication.open_workflow_state(page)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, user or moderator(), action, comment=comment)


def jpeg_with_gps(size=(64, 48)):
    """A JPEG whose EXIF names a camera and a GPS position."""
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "Appareil Secret"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (47.0, 38.0, 0.0)
    gps[3] = "E"
    gps[4] = (6.0, 51.0, 0.0)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()
