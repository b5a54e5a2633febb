"""A citizen's personal data, gathered for them (the right of access, RGPD article 15).

The core exports what it holds itself (the account, its e-mail addresses, the reports the
citizen made); each plugin adds its part through the :data:`~cms_pages.extension_points.
PERSONAL_DATA` hook, so this module names no plugin. ``manage.py export_personal_data``
writes the result as JSON.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import getaddresses
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.users.models import UserProfile

from cms_pages.extension_points import PERSONAL_DATA
from moderation.models import Report
from outbox.models import OutgoingEmail

from .models import AccountAction


@dataclass(frozen=True)
class PersonalDataPart:
    """One part of a citizen's data: ``key`` names it in the export (stable, JSON),
    ``label`` says what it is to a reader (translated), ``export(user)`` returns what the
    part holds about ``user`` and only about them, JSON-ready (strings, numbers, booleans,
    None, lists and dicts; dates as ISO 8601 strings, see :func:`iso`), in a number of
    queries that does not grow with the amount of data.

    ``erase(user)``, when the part holds anything, is the part's share of deleting the
    account (``accounts.erasure.delete_account``, the right to erasure): called inside the
    deletion's transaction before the account row is deleted, it must leave nothing that names
    or identifies the person — delete what is only theirs (follows, « moi aussi »,
    memberships, drafts…), detach and anonymise what stays public (contributions, comments,
    threads: ``accounts.erasure.former_participant()`` names the author) — and must not fail
    on a user with no data."""

    key: str
    label: Any
    export: Callable[[Any], Any]
    erase: Callable[[Any], None] | None = None


def iso(value):
    """A date or datetime as ISO 8601, None kept."""
    return value.isoformat() if value is not None else None


def title_of(obj):
    """An object's title, or None when there is no object (a deleted territory…)."""
    return obj.title if obj is not None else None


def export_account(user):
    """The account itself: what the citizen gave and chose, and when they came."""
    addresses = EmailAddress.objects.filter(user=user).order_by("-primary", "email")
    return {
        "email": user.email,
        "display_name": user.display_name,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": iso(user.date_joined),
        "last_login": iso(user.last_login),
        "home_territory": title_of(user.home_territory),
        "discussion_emails": user.discussion_emails,
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in addresses
        ],
        "inactivity_warned_at": iso(user.inactivity_warned_at),
        "admin_profile": export_admin_profile(user),
    }


def export_admin_profile(user):
    """What a staff member set in the admin's account page (language, time zone, picture), or
    None for the citizens, who have none."""
    profile = UserProfile.objects.filter(user=user).first()
    if profile is None:
        return None
    return {
        "preferred_language": profile.preferred_language,
        "current_time_zone": profile.current_time_zone,
        "avatar": profile.avatar.name or None,
    }


def person_addresses(user):
    """Every e-mail address of ``user``, lowercased: the account's and allauth's."""
    addresses = {user.email.lower()} if user.email else set()
    addresses.update(
        address.lower()
        for address in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    )
    return addresses


def mentioning(addresses, fields):
    """A filter that narrows the stored mails down to those whose ``fields`` contain one of
    ``addresses`` (a substring: the caller checks whole addresses). JSON fields are stored
    with non-ASCII letters escaped on SQLite (``\\u00e9``), so the escaped spelling is looked
    for too."""
    condition = Q()
    for address in addresses:
        for spelling in {address, json.dumps(address)[1:-1]}:
            for field in fields:
                condition |= Q(**{f"{field}__icontains": spelling})
    return condition


def addressed_to(email, addresses):
    """Whether the stored mail ``email`` goes to one of ``addresses`` (whole addresses)."""
    recipients = getaddresses([*email.to, *email.cc, *email.bcc])
    return any(address.lower() in addresses for _, address in recipients)


def export_emails(user):
    """The e-mails kept for the person (sent or waiting; deleted after OUTBOX_RETENTION_DAYS):
    the stored copies addressed to one of their addresses, whole."""
    addresses = person_addresses(user)
    if not addresses:
        return []
    candidates = OutgoingEmail.objects.filter(mentioning(addresses, ("to", "cc", "bcc")))
    return [
        {
            "subject": email.subject,
            "body": email.body,
            "status": email.status,
            "created": iso(email.created_at),
            "sent": iso(email.sent_at),
        }
        for email in candidates.order_by("created_at", "pk")
        if addressed_to(email, addresses)
    ]


def export_uploads(user):
    """The images and documents the person uploaded (staff, in the admin; citizens, for their
    initiatives): title, file, when."""
    images = get_image_model().objects.filter(uploaded_by_user=user).order_by("created_at", "pk")
    documents = (
        get_document_model().objects.filter(uploaded_by_user=user).order_by("created_at", "pk")
    )
    return [
        *(
            {
                "kind": "image",
                "title": image.title,
                "file": image.file.name,
                "created": iso(image.created_at),
            }
            for image in images
        ),
        *(
            {
                "kind": "document",
                "title": document.title,
                "file": document.file.name,
                "created": iso(document.created_at),
            }
            for document in documents
        ),
    ]


def export_reports(user):
    """The reports the citizen made: why, when, and on what kind of thing (not the reported
    thing itself, which may be someone else's)."""
    reports = Report.objects.filter(reporter=user).select_related("content_type")
    return [
        {
            "kind": str(report.content_type.name),
            "reason": report.reason,
            "details": report.details,
            "status": report.status,
            "created": iso(report.created_at),
        }
        for report in reports.order_by("created_at", "pk")
    ]


def export_actions(user):
    """The actions kept for the per-account limits (messages to porteurs, requests to join,
    images sent): what, about what, when; deleted after 30 days."""
    actions = AccountAction.objects.filter(user=user).order_by("created_at", "pk")
    return [
        {"action": action.action, "scope": action.scope, "created": iso(action.created_at)}
        for action in actions
    ]


def erase_account(user):
    """The account's e-mail addresses and second factors (the account row itself is deleted
    last, by ``accounts.erasure``)."""
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()


def erase_reports(user):
    """The reports stay, from nobody: a moderator still has to read them, and they still
    count towards hiding what they report."""
    Report.objects.filter(reporter=user).update(reporter=None)


def erase_actions(user):
    AccountAction.objects.filter(user=user).delete()


CORE_PARTS = (
    PersonalDataPart(
        key="account", label=_("Your account"), export=export_account, erase=erase_account
    ),
    PersonalDataPart(key="reports", label=_("Reports"), export=export_reports, erase=erase_reports),
    PersonalDataPart(key="emails", label=_("E-mails sent to you"), export=export_emails),
    PersonalDataPart(key="uploads", label=_("Files you uploaded"), export=export_uploads),
    PersonalDataPart(
        key="limited_actions",
        label=_("Actions counted by the limits"),
        export=export_actions,
        erase=erase_actions,
    ),
)


def personal_data_parts():
    """The core's parts, then every plugin's (read at each call, so
    ``hooks.register_temporarily`` works); a key used twice is a programming error."""
    parts = [*CORE_PARTS, *(fn() for fn in hooks.get_hooks(PERSONAL_DATA))]
    seen = set()
    for part in parts:
        if part.key in seen:
            raise ValueError(f"Two personal data parts use the key {part.key!r}")
        seen.add(part.key)
    return parts


def export_personal_data(user):
    """Everything the platform holds about ``user``, JSON-ready: ``{"exported_at": …,
    "parts": {key: {"label": …, "data": …}}}``, the core's parts first."""
    return {
        "exported_at": iso(timezone.now()),
        "parts": {
            part.key: {"label": str(part.label), "data": part.export(user)}
            for part in personal_data_parts()
        },
    }
