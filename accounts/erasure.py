"""Deleting a citizen's account: the right to erasure (RGPD article 17).

What the citizen posted in public stays, anonymised (« Ancien participant »): contributions,
comments, threads, the versions of initiatives they saved, the reports they made. Every copy of
their name, e-mail address and IP address goes: each part of their personal data erases its
own (``PersonalDataPart.erase``: the core's parts, then the plugins'), then the core erases
what no part holds: the outbox's mails to or about them, the audit log's and the revisions'
links to them, their sessions. Only then is the account row deleted, in the same transaction.

:func:`delete_account` is the one way in: the citizen's own page
(``accounts.deletion_views``), the admin's deletion of a user (``accounts.wagtail_hooks``) and
the retention of inactive accounts call it. A user deleted any other way (``user.delete()`` in
a shell, a bulk action) is erased all the same, by the ``pre_delete`` receiver at the end of
this module.
"""

import hashlib
import json
import re
from email.utils import getaddresses
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import translation
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Page, PageLogEntry, Revision
from wagtail.users.models import UserProfile

from cms_pages.page_cache import versions
from outbox.models import OutgoingEmail

from .models import FORMER_PARTICIPANT, PersonalDataExport
from .personal_data import mentioning, person_addresses, personal_data_parts
from .sessions import AccountSession

#: The audit log's action for a deleted account (``accounts.wagtail_hooks`` names it).
DELETE_ACCOUNT = "accounts.delete_account"

# Set on a user whose data is erased, so that the ``pre_delete`` receiver does not erase twice.
_ERASED = "_personal_data_erased"


def former_participant():
    """« Ancien participant »: the name that rows which stay carry instead of the person's. It
    is stored (a comment's author name), and stored content is written in French."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(FORMER_PARTICIPANT)


def delete_account(user, *, by=None):
    """Erase everything that names or identifies ``user``, keep what they posted anonymised,
    then delete the account, in one transaction; the audit log says an account was deleted
    (by ``by``, an administrator, or by its owner when None), without naming it."""
    with transaction.atomic():
        erase_personal_data(user)
        log_deletion(user, by)
        user.delete()
        # Their name may be on any cached page (a comment, a member list, a contribution):
        # the parts' bulk updates send no signal, so every page is made stale.
        versions.bump(versions.SITE)


def log_deletion(user, by):
    """« Account deleted » in the audit log, by ``by`` (None: its owner, or the retention),
    labelled without the name (:func:`deleted_account_label`)."""
    log(
        instance=user,
        action=DELETE_ACCOUNT,
        user=by,
        title=deleted_account_label(user),
        deleted=True,
    )


def deleted_account_label(user):
    """What the audit log calls a deleted account: a short hash of its id, enough to tell two
    deletions apart, never a name or an address."""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:account:{user.pk}".encode()).hexdigest()
    return f"{former_participant()} #{digest[:10]}"


def erase_personal_data(user):
    """Every part's erasure (the core's first, then the plugins'), then the core's own: what
    is left is the account row alone, which names nobody but itself."""
    addresses = person_addresses(user)
    for part in personal_data_parts():
        if part.erase is not None:
            part.erase(user)
    erase_outbox(user, addresses)
    erase_log_links(user)
    erase_page_links(user)
    erase_avatar(user)
    AccountSession.objects.filter(account_id=user.pk).delete()
    # Their copies of their data, files included (deleted after commit: accounts.data_export).
    PersonalDataExport.objects.filter(user=user).delete()
    setattr(user, _ERASED, True)


def erase_page_links(user):
    """Pages and their revisions keep their history, not who held them: the revisions they
    saved lose their author, the stored copies of a page lose its owner and locker (kept in
    each revision's content), and a page they had locked is unlocked (Wagtail treats a lock
    without its holder as held by someone else: nobody could edit it)."""
    Revision.objects.filter(user=user).update(user=None)
    held = []
    for revision in Revision.objects.filter(
        Q(content__owner=user.pk) | Q(content__locked_by=user.pk)
    ):
        for key in ("owner", "locked_by"):
            if revision.content.get(key) == user.pk:
                revision.content[key] = None
        held.append(revision)
    Revision.objects.bulk_update(held, ["content"], batch_size=500)
    Page.objects.filter(locked_by=user).update(locked=False, locked_by=None, locked_at=None)


def erase_avatar(user):
    """The picture a staff member gave their admin profile: Wagtail deletes the profile row
    with the account, not the file, which would stay public under MEDIA_URL (deleted after
    commit: a rolled-back deletion keeps it)."""
    profile = UserProfile.objects.filter(user=user).first()
    if profile is not None and profile.avatar:
        storage, name = profile.avatar.storage, profile.avatar.name
        transaction.on_commit(partial(storage.delete, name))


def erase_outbox(user, addresses):
    """The stored mails: those to the person or from them (their address to reply to) are
    deleted, whatever their state; the others that carry their address or name (another
    citizen told of their comment, of their request to join) are deleted once sent — a copy of
    a mail that has left is worth nothing next to the person's name — and, still waiting, keep
    their recipient's message with the person's name and address replaced by « Ancien
    participant ». Addresses match whole (``jo@x.fr`` is not in ``marjo@x.fr``), names as
    whole words, case included."""
    mentions = [
        re.compile(rf"(?<![\w.+-]){re.escape(address)}(?![\w.-])", re.IGNORECASE)
        for address in addresses
    ]
    name = user.display_name.strip()
    if name:
        mentions.append(re.compile(rf"(?<!\w){re.escape(name)}(?!\w)"))
    if not mentions:
        return
    # The database narrows down (a substring), Python decides (whole addresses and words).
    candidates = mentioning(
        addresses, ("to", "cc", "bcc", "reply_to", "headers", "subject", "body", "html_body")
    )
    if name:
        for field in ("subject", "body", "html_body"):
            candidates |= Q(**{f"{field}__contains": name})
    for email in OutgoingEmail.objects.filter(candidates).select_for_update():
        parsed = getaddresses([*email.to, *email.cc, *email.bcc, *email.reply_to])
        correspondents = {address.lower() for _, address in parsed}
        texts = [email.subject, email.body, email.html_body, *email.reply_to]
        texts.append(json.dumps(email.headers, ensure_ascii=False))
        named = any(mention.search(text) for mention in mentions for text in texts)
        if correspondents & addresses or (named and email.status == OutgoingEmail.Status.SENT):
            email.delete()
        elif named:
            redact(email, mentions)


def redact(email, mentions):
    """A waiting mail to someone else keeps its message, without the person's name and
    addresses (« Ancien participant »)."""
    former = former_participant()
    for field in ("subject", "body", "html_body"):
        text = getattr(email, field)
        for mention in mentions:
            text = mention.sub(former, text)
        setattr(email, field, text)
    email.headers = {
        key: value
        for key, value in email.headers.items()
        if not any(m.search(str(value)) for m in mentions)
    }
    email.save(update_fields=["subject", "body", "html_body", "headers"])


def erase_log_links(user):
    """The audit log keeps what was done, not who did it: Wagtail's entries point at users
    without a database constraint, so they are unlinked here; entries about the account itself
    lose its name."""
    ModelLogEntry.objects.filter(user_id=user.pk).update(user_id=None)
    PageLogEntry.objects.filter(user_id=user.pk).update(user_id=None)
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(user, for_concrete_model=False),
        object_id=str(user.pk),
    ).update(label=deleted_account_label(user))


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="accounts_erase_on_delete")
def erase_before_deletion(sender, instance, **kwargs):
    """A user deleted without :func:`delete_account` (a shell, the admin's bulk deletion) is
    erased all the same, once."""
    if not getattr(instance, _ERASED, False):
        erase_personal_data(instance)
        log_deletion(instance, None)
