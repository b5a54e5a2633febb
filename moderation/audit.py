"""The moderation audit log: one helper and the core's action names.

Every moderation decision (the core's and the plugins') is recorded in Wagtail's audit log,
one entry per object, each with its own uuid: Wagtail's history keeps only the latest entry per
uuid and action, which would hide all but one object of a bulk action. Plugins name their own
actions (``"consultation.hide"``, ``"forums.flag_comment"`` …) and register their labels with
the ``register_log_actions`` hook; the strings are stored, so they never change.
"""

import uuid

from wagtail.log_actions import log as wagtail_log

RESOLVE_REPORT = "moderation.resolve"


def log(instance, action, user, data=None):
    """One audit entry for ``instance``, alone in its uuid group (see the module docstring)."""
    return wagtail_log(instance=instance, action=action, user=user, uuid=uuid.uuid4(), data=data)
