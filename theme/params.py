"""Reading ids and text sent in a query string or a form, refusing what would make the database
(or Python) fail: every view that reads one goes through here, so bad input is a 400 or a 404
with a French message, never a server error.

``str.isdigit()`` is not a test for an id: it accepts superscripts (« ² ») and other scripts'
digits that ``int()`` refuses or reads, and any number of them, while the database's integers
stop at 2⁶³ − 1 (SQLite's INTEGER, PostgreSQL's bigint; an overflow is an error, not "not
found"). A NUL byte is refused by PostgreSQL in any text, and a lone surrogate cannot be
encoded at all.
"""

from django import forms
from django.core.exceptions import BadRequest, ValidationError
from django.utils.translation import gettext as _

#: The largest id the database stores: a signed 64-bit integer.
MAX_ID = 2**63 - 1
#: Its number of digits: a longer value is refused before ``int()`` reads it.
MAX_ID_DIGITS = len(str(MAX_ID))


class BadParameter(BadRequest):
    """A value of the query string or of a form the site cannot read. Django answers it with
    the 400 page (``handler400``), which shows its message."""


def parse_id(value, *, max_value=MAX_ID):
    """The non-negative integer written in ``value`` with ASCII digits only (no sign, no space,
    no « ² »), at most ``max_value``; None for anything else (including None)."""
    if not isinstance(value, str) or not 0 < len(value) <= MAX_ID_DIGITS:
        return None
    if not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if number <= max_value else None


def require_id(value, name, *, max_value=MAX_ID):
    """``parse_id(value)``, or ``BadParameter`` naming the parameter."""
    number = parse_id(value, max_value=max_value)
    if number is None:
        raise BadParameter(
            _("The parameter « %(name)s » must be a whole number, written with the digits 0 to 9.")
            % {"name": name}
        )
    return number


def has_forbidden_characters(value):
    """True when ``value`` holds a NUL byte or a lone surrogate (text no database stores)."""
    if "\x00" in value:
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def clean_text_param(value, name, *, max_length=None):
    """``value`` (a query-string or form text, or None) cut to ``max_length``; ``BadParameter``
    when it holds a NUL byte or a lone surrogate. None stays None."""
    if value is None:
        return None
    if has_forbidden_characters(value):
        raise BadParameter(
            _("The parameter « %(name)s » contains characters the site cannot read.")
            % {"name": name}
        )
    return value[:max_length] if max_length is not None else value


class IdModelChoiceField(forms.ModelChoiceField):
    """A ``ModelChoiceField`` whose value must read as an id (``parse_id``): anything else, a
    number too large for the database included, is an invalid choice, not a server error
    (Django's field lets an overflowing number reach the database)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if self.to_field_name is None and parse_id(str(value)) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)
