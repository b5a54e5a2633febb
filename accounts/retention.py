"""Personal data kept no longer than it serves (RGPD article 5.1.e): the rules that
``manage.py apply_retention`` applies once a day, and that the privacy notice tells.

Each rule takes ``now`` and ``dry_run`` and returns how many rows it removed or people it
warned (or would have). Running twice does nothing more the second time, and two runs at
once do not warn or delete twice: every change is a conditional write, or follows a lock
taken on a row whose condition is checked again.

- E-mails: every stored message (``outbox.OutgoingEmail``) older than
  ``OUTBOX_RETENTION_DAYS``, whatever its status: one still pending after that long will
  never leave (it is counted apart, as it says something went wrong).
- Rate-limit records (``AccountAction``) older than ``ratelimit.ACTIONS_KEPT``, longer
  than any window (requests otherwise prune only their own account's).
- Expired sessions, when they are stored in the database (Django leaves them there).
- Inactive accounts: one whose last login (or sign-up, if it never logged in) is older than
  ``INACTIVE_ACCOUNT_DAYS`` minus ``INACTIVE_ACCOUNT_WARNING_DAYS`` gets one e-mail saying
  when it will be deleted; still unused ``INACTIVE_ACCOUNT_WARNING_DAYS`` later, it is
  deleted (``accounts.erasure.delete_account``). A login clears the warning
  (:func:`clear_inactivity_warning`). Staff and superusers are neither warned nor deleted:
  their accounts carry the site's administration, and losing one is not the citizen's
  business; deactivated accounts are left alone too (they cannot log in to keep their
  account, and a banned address would come back free).
"""

from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from outbox.links import absolute_url
from outbox.models import OutgoingEmail

from .erasure import delete_account
from .models import AccountAction
from .ratelimit import ACTIONS_KEPT


def _remove(queryset, dry_run):
    """Delete ``queryset`` (or only count it): the number of its rows."""
    count = queryset.count()
    if count and not dry_run:
        queryset.delete()
    return count


def purge_outbox(now, dry_run=False):
    """Stored e-mails past ``OUTBOX_RETENTION_DAYS``: ``(all of them, those never sent)``."""
    old = OutgoingEmail.objects.filter(
        created_at__lt=now - timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    )
    pending = _remove(old.filter(status=OutgoingEmail.Status.PENDING), dry_run)
    others = _remove(old.exclude(status=OutgoingEmail.Status.PENDING), dry_run)
    return pending + others, pending


def purge_account_actions(now, dry_run=False):
    """Rate-limit records older than any limit's window."""
    return _remove(AccountAction.objects.filter(created_at__lt=now - ACTIONS_KEPT), dry_run)


def purge_sessions(now, dry_run=False):
    """Expired sessions of a database session engine; other engines (cache, signed cookies)
    expire theirs by themselves (0)."""
    engine = import_module(settings.SESSION_ENGINE)
    get_model = getattr(engine.SessionStore, "get_model_class", None)
    if get_model is None:
        return 0
    return _remove(get_model().objects.filter(expire_date__lt=now), dry_run)


# Inactive accounts.


def last_activity():
    """An account's last sign of life: its last login, else its sign-up."""
    return Coalesce(F("last_login"), F("date_joined"))


def retention_subjects():
    """Accounts the inactivity rules apply to: active citizens, never staff."""
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=False, is_superuser=False)
        .alias(last_activity=last_activity())
    )


def deletion_date(warned_at):
    """When an account warned at ``warned_at`` is deleted, if it stays unused."""
    return warned_at + timedelta(days=settings.INACTIVE_ACCOUNT_WARNING_DAYS)


def warn_inactive_accounts(now, dry_run=False):
    """E-mail each account unused for ``INACTIVE_ACCOUNT_DAYS`` minus the warning period, and
    not warned yet, that it will be deleted; the number warned."""
    since = now - timedelta(
        days=settings.INACTIVE_ACCOUNT_DAYS - settings.INACTIVE_ACCOUNT_WARNING_DAYS
    )
    due = retention_subjects().filter(last_activity__lt=since, inactivity_warned_at__isnull=True)
    if dry_run:
        return due.count()
    warned = 0
    for pk in due.values_list("pk", flat=True).order_by("pk"):
        with transaction.atomic():
            # Conditional: a run at the same time, or a login meanwhile, wins.
            if not due.filter(pk=pk).update(inactivity_warned_at=now):
                continue
            send_inactivity_warning(get_user_model().objects.get(pk=pk))
        warned += 1
    return warned


def send_inactivity_warning(user):
    """The e-mail telling ``user`` when their account goes unless they log in (through the
    outbox: it leaves once the warning is recorded)."""
    with translation.override(settings.LANGUAGE_CODE):
        when = formats.date_format(
            timezone.localtime(deletion_date(user.inactivity_warned_at)), "DATE_FORMAT"
        )
        context = {
            "name": user.display_name,
            "last_seen": formats.date_format(
                timezone.localtime(user.last_login or user.date_joined), "DATE_FORMAT"
            ),
            "deletion_date": when,
            "login_url": absolute_url(reverse("account_login")),
            "privacy_url": absolute_url(reverse("privacy")),
        }
        body = render_to_string("accounts/email/inactivity_warning.txt", context).strip()
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + gettext(
            "Your account will be deleted on %(date)s"
        ) % {"date": when}
    send_mail(subject, body, None, [user.email])


def delete_inactive_accounts(now, dry_run=False):
    """Delete each account warned at least ``INACTIVE_ACCOUNT_WARNING_DAYS`` ago and unused
    since; the number deleted."""
    due = retention_subjects().filter(
        inactivity_warned_at__lte=now - timedelta(days=settings.INACTIVE_ACCOUNT_WARNING_DAYS),
        last_activity__lt=F("inactivity_warned_at"),
    )
    if dry_run:
        return due.count()
    deleted = 0
    for pk in due.values_list("pk", flat=True).order_by("pk"):
        with transaction.atomic():
            # Locked, then checked again: a login or a run at the same time wins.
            user = due.select_for_update().filter(pk=pk).first()
            if user is None:
                continue
            delete_account(user)
        deleted += 1
    return deleted


def clear_inactivity_warning(sender, user, **kwargs):
    """A login keeps the account: the warning no longer holds (``user_logged_in``)."""
    if getattr(user, "inactivity_warned_at", None) is not None:
        type(user).objects.filter(pk=user.pk).update(inactivity_warned_at=None)
        user.inactivity_warned_at = None
