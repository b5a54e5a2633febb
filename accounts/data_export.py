"""A citizen downloads a copy of their data from their profile (RGPD article 15, right of
access).

The profile asks for it (``accounts.export_views``); a background task
(``accounts.tasks.prepare_data_export``) gathers :func:`~accounts.personal_data.
export_personal_data` and writes one ZIP file to the private storage (never served by the web
server): ``donnees.json`` for programs, ``donnees.html`` to read in a browser, and
``LISEZMOI.txt``. The owner then gets an e-mail with the download address, which works for them
only, signed in, until the export expires (``PERSONAL_DATA_EXPORT_DAYS``).
:func:`purge_expired_exports` deletes expired exports and their files (the retention command
runs it); an export's file goes with its row whatever deletes it (the account's deletion too).

The readable page is drawn from the same data by one template, generically (a list of records
becomes a table, a record a list of fields), so a plugin's part needs no template of its own.
"""

import json
import logging
import re
import secrets
import tempfile
import zipfile
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.core.mail import send_mail
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from outbox.links import absolute_url

from .models import PersonalDataExport
from .personal_data import export_personal_data
from .ratelimit import AccountRateLimit

logger = logging.getLogger(__name__)

# An archive bigger than this is written to a temporary file, not kept in memory.
IN_MEMORY_BYTES = 8 * 1024 * 1024
ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# The names the readable page gives the keys of the export (the JSON keeps the keys); a key
# not listed is shown as it is, its underscores as spaces.
FIELD_LABELS = {
    "account": _("Your account"),
    "action": _("Action"),
    "admin_profile": _("Admin profile"),
    "avatar": _("Picture"),
    "body": _("Text"),
    "closed": _("Closed"),
    "comment": _("Comment"),
    "comment_flags": _("Comments you marked"),
    "comments": _("Comments"),
    "commune": _("Commune"),
    "contribution": _("Contribution"),
    "contributions": _("Contributions"),
    "created": _("Created"),
    "current_time_zone": _("Time zone"),
    "date": _("Date"),
    "date_joined": _("Account created"),
    "deleted": _("Deleted"),
    "details": _("Details"),
    "discussion_emails": _("E-mails about followed discussions"),
    "display_name": _("Display name"),
    "edited": _("Edited"),
    "edits": _("Versions you saved"),
    "email": _("E-mail address"),
    "email_addresses": _("E-mail addresses"),
    "emails": _("E-mails sent to you"),
    "enjeux": _("Enjeux"),
    "event": _("Event"),
    "file": _("File"),
    "first_name": _("First name"),
    "first_published": _("First published"),
    "flag": _("Mark"),
    "follows": _("Followed discussions"),
    "hidden_reason": _("Reason for hiding"),
    "home_territory": _("Home territory"),
    "id": _("Number"),
    "inactivity_warned_at": _("Warned of deletion for inactivity"),
    "initiative": _("Initiative"),
    "joined": _("Joined"),
    "kind": _("Kind"),
    "last_login": _("Last login"),
    "last_name": _("Last name"),
    "latitude": _("Latitude"),
    "live": _("Published"),
    "longitude": _("Longitude"),
    "members_only": _("Members only"),
    "memberships": _("Memberships"),
    "message": _("Message"),
    "moderation_reason": _("Moderation reason"),
    "page": _("Page"),
    "posted": _("Posted"),
    "preferred_language": _("Language"),
    "primary": _("Main address"),
    "reason": _("Reason"),
    "reply_to": _("In reply to"),
    "requested": _("Requested"),
    "role": _("Role"),
    "saved": _("Saved"),
    "scope": _("About"),
    "sent": _("Sent"),
    "since": _("Since"),
    "source": _("Source"),
    "status": _("Status"),
    "subject": _("Subject"),
    "supports": _("Your « moi aussi »"),
    "tags": _("Tags"),
    "territory": _("Territory"),
    "text": _("Text"),
    "thread": _("Discussion"),
    "thread_title": _("Discussion title"),
    "threads": _("Discussions you opened"),
    "title": _("Title"),
    "updated": _("Updated"),
    "uploads": _("Files you uploaded"),
    "verified": _("Verified"),
}
# The names of keys that mean something else when they hold a list or a record.
COLLECTION_LABELS = {"created": _("What you created")}


def count_requests(user, since):
    """The export requests ``user`` made since ``since`` (every request leaves its row until it
    expires, longer than the window)."""
    return PersonalDataExport.objects.filter(user=user, created_at__gt=since).count()


EXPORT_LIMIT = AccountRateLimit("PERSONAL_DATA_EXPORT_RATE_LIMIT", count=count_requests)


def latest_export(user):
    """The account's latest export request, or None (one query)."""
    return PersonalDataExport.objects.filter(user=user).order_by("-created_at", "-pk").first()


def export_in_progress(user, now=None):
    """True while one of the account's requests is still being prepared (one at a time), and
    not stalled (``PersonalDataExport.PREPARATION_TIMEOUT``)."""
    now = timezone.now() if now is None else now
    return PersonalDataExport.objects.filter(
        user=user,
        status=PersonalDataExport.Status.PENDING,
        expires_at__gt=now,
        created_at__gt=now - PersonalDataExport.PREPARATION_TIMEOUT,
    ).exists()


# The readable page.


def label_of(key, value=None):
    """The name the page gives ``key`` (holding ``value``)."""
    label = COLLECTION_LABELS.get(key) if isinstance(value, dict | list) else None
    label = label or FIELD_LABELS.get(key)
    return str(label) if label is not None else str(key).replace("_", " ")


def text_of(value):
    """A scalar of the export as a reader wants it: yes/no, French numbers and dates."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, int | float):
        return formats.localize(value)
    value = str(value)
    if ISO_DATETIME.fullmatch(value) and (moment := parse_datetime(value)) is not None:
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return gettext("%(date)s at %(time)s") % {
            "date": formats.date_format(moment, "DATE_FORMAT"),
            "time": formats.time_format(moment, "TIME_FORMAT"),
        }
    if ISO_DATE.fullmatch(value) and (day := parse_date(value)) is not None:
        return formats.date_format(day, "DATE_FORMAT")
    return value


def readable(value):
    """``value`` (JSON-ready) as the tree ``accounts/data_export/value.html`` draws: a record
    (dict) as ``fields``, a list of records as a ``table`` (one column per key met), another
    list as a ``list``, an empty list as ``empty``, anything else as ``text``."""
    if isinstance(value, dict):
        return {
            "kind": "fields",
            "rows": [(label_of(key, item), readable(item)) for key, item in value.items()],
        }
    if isinstance(value, list):
        if not value:
            return {"kind": "empty"}
        if all(isinstance(item, dict) for item in value):
            keys = list(dict.fromkeys(key for item in value for key in item))
            return {
                "kind": "table",
                "columns": [label_of(key) for key in keys],
                "rows": [[readable(item.get(key)) for key in keys] for item in value],
            }
        return {"kind": "list", "entries": [readable(item) for item in value]}
    return {"kind": "text", "text": text_of(value)}


def readable_part(key, part):
    """One part of the export for the page: when its data is a record, its lists and records
    get headings of their own under the part's, after its other fields."""
    data = part["data"]
    if not isinstance(data, dict):
        return {"key": key, "label": part["label"], "tree": readable(data), "sections": []}
    nested = {name: value for name, value in data.items() if isinstance(value, dict | list)}
    fields = {name: value for name, value in data.items() if name not in nested}
    return {
        "key": key,
        "label": part["label"],
        "tree": readable(fields) if fields or not nested else None,
        "sections": [(label_of(name, value), readable(value)) for name, value in nested.items()],
    }


def render_readable_page(user, data):
    """``donnees.html``: a standalone page (no external file) in French, every text escaped."""
    parts = [readable_part(key, part) for key, part in data["parts"].items()]
    return render_to_string(
        "accounts/data_export/donnees.html",
        {
            "name": user.get_full_name(),
            "exported_at": text_of(data["exported_at"]),
            "parts": parts,
            "site_name": settings.WAGTAIL_SITE_NAME,
        },
    )


def write_archive(user, data):
    """The ZIP file of ``data`` (``export_personal_data(user)``), as an open file at its
    start."""
    archive = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY_BYTES)  # noqa: SIM115 - returned open
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zip_file:
        zip_file.writestr("donnees.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        zip_file.writestr("donnees.html", render_readable_page(user, data))
        zip_file.writestr(
            "LISEZMOI.txt",
            render_to_string(
                "accounts/data_export/lisezmoi.txt",
                {"site_name": settings.WAGTAIL_SITE_NAME, "url": absolute_url("/")},
            ),
        )
    archive.seek(0)
    return archive


# The background work.


def build_export(export_id):
    """Prepare the export ``export_id`` if it still waits: write its archive, mark it ready
    (downloadable ``PERSONAL_DATA_EXPORT_DAYS`` from now) and e-mail its owner. Any failure
    marks it failed, leaving no file behind, and is logged; returns True once ready."""
    export = (
        PersonalDataExport.objects.select_related("user")
        .filter(pk=export_id, status=PersonalDataExport.Status.PENDING)
        .first()
    )
    if export is None:  # prepared already, or the account deleted meanwhile
        return False
    storage = export.file.storage
    name = ""
    ready = False
    try:
        with translation.override(settings.LANGUAGE_CODE):
            archive = write_archive(export.user, export_personal_data(export.user))
        with archive:
            size = archive.seek(0, 2)
            archive.seek(0)
            name = export.file.field.generate_filename(export, f"{secrets.token_hex(16)}.zip")
            name = storage.save(name, File(archive, name=name))
        with transaction.atomic():
            now = timezone.now()
            ready = bool(
                PersonalDataExport.objects.filter(
                    pk=export.pk, status=PersonalDataExport.Status.PENDING
                ).update(
                    status=PersonalDataExport.Status.READY,
                    file=name,
                    size=size,
                    ready_at=now,
                    expires_at=now + timedelta(days=settings.PERSONAL_DATA_EXPORT_DAYS),
                )
            )
            if ready:
                export.refresh_from_db()
                send_ready_email(export)
    except Exception:  # whatever broke, the citizen sees « failed » and may ask again
        logger.exception("The personal data export %s could not be prepared.", export_id)
        ready = False
        PersonalDataExport.objects.filter(
            pk=export_id, status=PersonalDataExport.Status.PENDING
        ).update(status=PersonalDataExport.Status.FAILED)
    if not ready and name:
        storage.delete(name)
    return ready


def download_url(export):
    return absolute_url(reverse("accounts:download_data_export", args=[export.token]))


def download_filename(export):
    """« donnees-aux-actes-citoyens-2026-12-08.zip »: the site and the day it was prepared."""
    day = timezone.localdate(export.ready_at or export.created_at)
    return f"donnees-{slugify(settings.WAGTAIL_SITE_NAME)}-{day.isoformat()}.zip"


def send_ready_email(export):
    """Tell the owner, by their display name, where to download their data and until when."""
    user = export.user
    if not user.email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "name": user.display_name,
            "url": download_url(export),
            "profile_url": absolute_url(reverse("accounts:profile")),
            "expires_at": timezone.localtime(export.expires_at),
        }
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + gettext("Your data is ready to download")
        body = render_to_string("accounts/email/data_export_ready.txt", context).strip()
    send_mail(subject, body, None, [user.email])


# Retention.


def purge_expired_exports(now=None, dry_run=False):
    """Delete the exports expired at ``now`` (ready, failed or never prepared) and their
    files; return how many (with ``dry_run``, how many would go, deleting nothing)."""
    now = timezone.now() if now is None else now
    expired = PersonalDataExport.objects.filter(expires_at__lte=now)
    if dry_run:
        return expired.count()
    _total, per_model = expired.delete()
    return per_model.get(PersonalDataExport._meta.label, 0)


@receiver(post_delete, sender=PersonalDataExport, dispatch_uid="accounts_export_file_deleted")
def delete_export_file(sender, instance, **kwargs):
    """An export's file goes with its row (purge, the account's deletion…), once the deletion
    is committed: a deletion rolled back keeps both."""
    if instance.file:
        name, storage = instance.file.name, instance.file.storage
        transaction.on_commit(lambda: storage.delete(name), using=kwargs.get("using"))
