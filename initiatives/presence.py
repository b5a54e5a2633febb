"""Who is editing an initiative right now, kept on the server in Wagtail's editing sessions
(the same rows the admin's editor uses, so an editor working in the admin shows up too).

A session is one open edit page (one browser tab); it counts as present while it has pinged
within ``INITIATIVE_PRESENCE_SECONDS``; sessions silent for an hour are deleted."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.admin.models import EditingSession

from theme.params import require_id

from .models import InitiativePage


def _content_type():
    return ContentType.objects.get_for_model(InitiativePage)


def _sessions_of(page):
    content_type = _content_type()
    return EditingSession.objects.filter(content_type=content_type, object_id=str(page.pk))


def _session_id(raw):
    """The session named by the posted ``session`` (None: none named); ``BadParameter`` (a 400)
    for a value that is not an id."""
    raw = str(raw or "").strip()
    return require_id(raw, "session") if raw else None


def touch(page, user, session_id=None):
    """Refresh ``user``'s session on ``page`` named by ``session_id``, or open one when none is
    named, and return it. A named session that is gone (released, or silent for an hour) is
    not brought back: None. A ping still on its way when the tab released its session would
    otherwise show the person as present for another minute after they left."""
    now = timezone.now()
    session_id = _session_id(session_id)
    if session_id is not None:
        session = _sessions_of(page).filter(pk=session_id, user=user).first()
        if session is None:
            return None
    else:
        session = EditingSession(user=user, content_type=_content_type(), object_id=str(page.pk))
    session.last_seen_at = now
    session.is_editing = True
    session.save()
    return session


def release(page, user, session_id):
    """Delete ``user``'s session (only theirs, only on this page); True if one was deleted."""
    session_id = _session_id(session_id)
    if session_id is None:
        return False
    deleted, _rows = _sessions_of(page).filter(pk=session_id, user=user).delete()
    return bool(deleted)


def others(page, user):
    """Public names of the other people with this page open, most recent first."""
    since = timezone.now() - datetime.timedelta(seconds=settings.INITIATIVE_PRESENCE_SECONDS)
    sessions = (
        _sessions_of(page)
        .filter(last_seen_at__gte=since)
        .exclude(user=user)
        .select_related("user")
        .order_by("-last_seen_at")[:50]
    )
    names, seen = [], set()
    for session in sessions:
        if session.user_id not in seen:
            seen.add(session.user_id)
            names.append(session.user.public_name)
    return names


def cleanup():
    """Delete the sessions of every page that have been silent for an hour."""
    EditingSession.cleanup()
