"""The reason a moderator gives when hiding or refusing something: its author reads it."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def clean_reason(reason, limit):
    """The reason, stripped; refused when empty or longer than ``limit`` (the column that
    stores it)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give a reason: the author will read it."), code="reason_required")
    if len(reason) > limit:
        raise ValidationError(
            _("Keep the reason under %(limit)d characters.") % {"limit": limit},
            code="reason_too_long",
        )
    return reason
