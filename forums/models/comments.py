"""The project's comment model (``COMMENTS_XTD_MODEL``): django-comments-xtd's threaded comment
plus the forum it belongs to and the project's own moderation state.

django-comments-xtd copies ``is_public`` and ``is_removed`` down to every reply each time a
comment is saved, so neither is used here: both stay at their defaults, and whether a comment is
shown comes from ``status`` and ``deleted_at``, which belong to one comment only."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_comments_xtd.models import XtdComment

from ..formatting import render_message


class CommentQuerySet(models.QuerySet):
    def published(self):
        """Shown to everyone who can read the thread: published and not deleted."""
        return self.filter(status=Comment.Status.PUBLISHED, deleted_at__isnull=True)


class Comment(XtdComment):
    """A message in a thread: a comment (level 0) or a reply, at most two levels down."""

    class Status(models.TextChoices):
        PUBLISHED = "published", pgettext_lazy("comment", "Published")
        HELD = "held", _("Held for moderation")
        FLAGGED = "flagged", _("Hidden pending review")
        HIDDEN = "hidden", _("Hidden by moderation")

    class HiddenBy(models.TextChoices):
        """Who hid a comment, which says who may show it again: a porteur restores only what
        a porteur hid; what a moderator hid, and what the reports hid automatically
        (FLAGGED), only a moderator restores. Empty (comments hidden before the field
        existed) counts as a moderator's."""

        MODERATOR = "moderator", _("a moderator")
        PORTEUR = "porteur", _("a porteur")
        AUTOMATIC = "automatic", _("automatically, after reports")

    # Named explicitly: the default reverse name, ``comment``, is taken by the text field.
    xtdcomment_ptr = models.OneToOneField(
        XtdComment,
        parent_link=True,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="forum_comment",
    )
    forum_thread = models.ForeignKey(
        "forums.Thread",
        verbose_name=_("thread"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    body_html = models.TextField(editable=False, default="")
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PUBLISHED,
        db_index=True,
    )
    hidden_reason = models.TextField(_("reason for hiding"), max_length=500, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_by_role = models.CharField(
        _("hidden by"),
        max_length=10,
        choices=HiddenBy.choices,
        blank=True,
        default="",
        db_default="",
    )
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted by its author"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["forum_thread", "status"])]

    def __str__(self):
        return f"{self.forum_thread_id}#{self.pk}"

    def save(self, *args, **kwargs):
        self.body_html = render_message(self.comment)
        super().save(*args, **kwargs)

    def get_absolute_url(self, anchor_pattern="#c%(id)s"):
        return self.forum_thread.get_absolute_url() + (anchor_pattern % {"id": self.pk})

    @property
    def is_visible(self):
        """Shown to every reader of the thread."""
        return self.status == self.Status.PUBLISHED and self.deleted_at is None
