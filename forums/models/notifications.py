"""Who follows which thread, and the replies waiting for a citizen's daily digest."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ThreadFollow(models.Model):
    """A citizen is told about new comments in a thread (its author follows it at once)."""

    thread = models.ForeignKey(
        "forums.Thread", verbose_name=_("thread"), on_delete=models.CASCADE, related_name="follows"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="thread_follows",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("thread follow")
        verbose_name_plural = _("thread follows")
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="one_follow_per_thread")
        ]

    def __str__(self):
        return f"{self.user_id} → {self.thread_id}"


class DigestEntry(models.Model):
    """A new comment to put in a follower's next daily digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="digest_entries",
    )
    comment = models.ForeignKey(
        "forums.Comment", verbose_name=_("comment"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("digest entry")
        verbose_name_plural = _("digest entries")
        constraints = [
            models.UniqueConstraint(fields=["user", "comment"], name="one_digest_entry_per_comment")
        ]

    def __str__(self):
        return f"{self.user_id} ← {self.comment_id}"
