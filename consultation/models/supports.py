"""“Moi aussi”: a citizen says a révolte or a rêve is theirs too."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Support(models.Model):
    """One citizen's “moi aussi” on one contribution; the database keeps it unique."""

    contribution = models.ForeignKey(
        "consultation.Contribution", on_delete=models.CASCADE, related_name="supports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supports"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("“moi aussi”")
        verbose_name_plural = _("“moi aussi”")
        constraints = [
            models.UniqueConstraint(fields=["contribution", "user"], name="one_support_per_user")
        ]

    def __str__(self):
        return f"{self.user} → {self.contribution_id}"
