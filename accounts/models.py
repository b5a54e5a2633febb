"""Citizens' accounts: the login is the e-mail address, the public face a display name."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
