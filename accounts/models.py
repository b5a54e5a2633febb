"""Citizens' accounts: the login is the e-mail address, the public face a display name."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: Who wrote what stays once its author deleted their account (accounts.erasure).
FORMER_PARTICIPANT = _("Former participant")


def public_name_of(user):
    """``user``'s public name, or « Ancien participant » when there is no user any more (a
    deleted account's report, comment, revision)."""
    return FORMER_PARTICIPANT if user is None else user.public_name


def user_display(user):
    """How allauth names a person in its messages (« Connexion avec … réussie ») and e-mails:
    by their display name, never by the internal username (ACCOUNT_USER_DISPLAY)."""
    return user.get_full_name()


class User(AbstractUser):
    """An account of the platform; only ``display_name`` is ever shown to others."""

    class DiscussionEmails(models.TextChoices):
        EACH = "each", _("An e-mail for each new comment")
        DAILY = "daily", _("One daily digest")

    display_name = models.CharField(
        _("display name"),
        max_length=60,
        blank=True,
        help_text=_("The name other people see next to what you post."),
    )
    home_territory = models.ForeignKey(
        "cms_pages.TerritoryPage",
        verbose_name=_("home territory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    discussion_emails = models.CharField(
        _("e-mails about followed discussions"),
        max_length=5,
        choices=DiscussionEmails.choices,
        default=DiscussionEmails.EACH,
    )
    # When the account was told it would be deleted for inactivity (accounts.retention);
    # cleared by the next login.
    inactivity_warned_at = models.DateTimeField(
        _("warned of deletion for inactivity"), null=True, blank=True, editable=False
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def __str__(self):
        return self.public_name

    @property
    def public_name(self):
        """The name shown on the public site: never the e-mail address."""
        return self.display_name or _("Anonymous citizen")

    def get_full_name(self):
        """The display name: Wagtail names people (admin listings, workflow e-mails) through
        ``get_full_name()``, falling back to the username, an e-mail address: never that. Staff
        without a display name are named by the first and last names the admin gave them."""
        return self.display_name or super().get_full_name() or str(self.public_name)

    def get_short_name(self):
        return self.get_full_name()


class AccountAction(models.Model):
    """One action an account did that leaves no row of its own to count (a message e-mailed to
    porteurs, a request to join, an image sent), kept for the per-account rate limits
    (``accounts.ratelimit``): ``scope`` names what it was about (an initiative's id…)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    action = models.CharField(max_length=60)
    scope = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["user", "action", "created_at"], name="account_action_window")
        ]

    def __str__(self):
        return f"{self.action} {self.scope}".strip()


# The session engine's model (``SESSION_ENGINE = "accounts.sessions"``), registered with the app.
from .sessions import AccountSession  # noqa: E402, F401


def private_storage():
    """Where files that only their owner may download go (``STORAGES["private"]``): outside
    MEDIA_ROOT, so never served by the web server; a view checks who asks."""
    return storages["private"]


def new_export_token():
    """The unguessable part of a data export's download address."""
    return secrets.token_urlsafe(32)


def export_expiry():
    """When an export asked for now stops being downloadable (``PERSONAL_DATA_EXPORT_DAYS``);
    counted again from the moment it is ready."""
    return timezone.now() + timedelta(days=settings.PERSONAL_DATA_EXPORT_DAYS)


class PersonalDataExport(models.Model):
    """A citizen's request for a copy of their data (RGPD article 15): a ZIP file prepared in
    the background (``accounts.tasks``) into the private storage, downloaded by its owner only,
    from an address carrying ``token``, until ``expires_at``; then deleted with its file
    (``accounts.data_export.purge_expired_exports``)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("being prepared")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="data_exports")
    status = models.CharField(max_length=7, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(upload_to="exports/", storage=private_storage, blank=True)
    size = models.PositiveBigIntegerField(default=0)  # bytes, shown next to the link
    token = models.CharField(max_length=64, unique=True, default=new_export_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(default=export_expiry, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["user", "created_at"], name="data_export_latest")]

    def __str__(self):
        return f"{self.user_id} {self.status} {self.created_at:%Y-%m-%d %H:%M}"

    def is_expired(self, now=None):
        return self.expires_at <= (timezone.now() if now is None else now)

    #: A request still being prepared after this long lost its task (a worker restarted): it
    #: is shown as failed, and a new one may be asked for.
    PREPARATION_TIMEOUT = timedelta(hours=1)

    def is_stalled(self, now=None):
        now = timezone.now() if now is None else now
        return (
            self.status == self.Status.PENDING and self.created_at <= now - self.PREPARATION_TIMEOUT
        )

    @property
    def state(self):
        """What the profile says of it: pending, ready, failed (or stalled, see
        ``PREPARATION_TIMEOUT``), or expired once past ``expires_at``."""
        if self.is_expired():
            return "expired"
        return self.Status.FAILED.value if self.is_stalled() else self.status
