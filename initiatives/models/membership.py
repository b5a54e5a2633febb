"""Who belongs to an initiative, and with which role."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Membership.Status.ACTIVE)

    def pending(self):
        return self.filter(status=Membership.Status.PENDING)

    def porteurs(self):
        return self.active().filter(role=Membership.Role.PORTEUR)


class Membership(models.Model):
    """A citizen's place in an initiative: an accepted member or porteur, or a pending request.

    Membership is not part of the page's revisions: restoring an old version of the page never
    brings back someone who left."""

    class Role(models.TextChoices):
        PORTEUR = "porteur", _("Porteur")
        MEMBRE = "membre", _("Member")

    class Status(models.TextChoices):
        PENDING = "pending", _("Request pending")
        ACTIVE = "active", _("Member")

    initiative = models.ForeignKey(
        "initiatives.InitiativePage",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("citizen"),
        on_delete=models.CASCADE,
        related_name="initiative_memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBRE)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    message = models.TextField(
        _("message"),
        max_length=1000,
        blank=True,
        help_text=_("What the citizen wrote when asking to join."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    joined_at = models.DateTimeField(_("joined"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "user"], name="one_membership_per_user"),
            # A pending request has no role yet beyond "member".
            models.CheckConstraint(
                condition=~models.Q(status="pending", role="porteur"),
                name="pending_membership_is_not_porteur",
            ),
        ]
        indexes = [models.Index(fields=["user", "status"], name="membership_user_status")]

    def __str__(self):
        return f"{self.user} — {self.initiative} ({self.get_role_display()})"

    @property
    def is_porteur(self):
        return self.status == self.Status.ACTIVE and self.role == self.Role.PORTEUR


class PorteurVacancy(models.Model):
    """An initiative that lost its last porteur when their account was deleted
    (``initiatives.personal_data.erase``): it waits in the moderators' queue, off every public
    list (``initiatives.public``), its page saying so and taking no join request, until a
    moderator names a new porteur among its members (deleted then, by
    ``initiatives.membership_actions.promote``). Kept apart from the page, like membership,
    so that no revision brings it back or takes it away."""

    initiative = models.OneToOneField(
        "initiatives.InitiativePage",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="porteur_vacancy",
    )
    since = models.DateTimeField(_("without a porteur since"), default=timezone.now)

    class Meta:
        verbose_name = _("initiative without a porteur")
        verbose_name_plural = _("initiatives without a porteur")

    def __str__(self):
        return str(self.initiative_id)
