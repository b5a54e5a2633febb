"""A discussion thread: a title and an opening message under one enjeu or one initiative."""

from django.conf import settings
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from ..formatting import render_message

TITLE_MAX_LENGTH = 150
BODY_MAX_LENGTH = 5000


class ThreadQuerySet(models.QuerySet):
    def public(self):
        """Threads anyone may read: enjeu forums, and initiative threads not kept to members
        (whether the enjeu or initiative itself is live is checked by the views)."""
        return self.filter(members_only=False)

    def by_activity(self):
        return self.order_by("-pinned", "-last_activity_at", "-pk")

    def as_cards(self):
        """What a list of threads shows: author and territory joined, the messages left out,
        ``reply_count`` (published comments) counted in a subquery."""
        from .comments import Comment

        replies = (
            Comment.objects.published()
            .filter(forum_thread=OuterRef("pk"))
            .order_by()
            .values("forum_thread")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return (
            self.select_related("author", "territory")
            .defer("body", "body_html")
            .annotate(reply_count=Coalesce(Subquery(replies, output_field=IntegerField()), 0))
        )


class Thread(models.Model):
    """A thematic discussion: in an enjeu's forum (public, across the five territories) or in
    an initiative's forum (public, or members-only when its porteurs choose so)."""

    enjeu = models.ForeignKey(
        "cms_pages.EnjeuPage",
        verbose_name=_("enjeu"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="threads",
    )
    initiative = models.ForeignKey(
        "initiatives.InitiativePage",
        verbose_name=_("initiative"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="threads",
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=False)
    body = models.TextField(_("opening message"), max_length=BODY_MAX_LENGTH)
    body_html = models.TextField(editable=False, default="")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="forum_threads",
    )
    territory = models.ForeignKey(
        "cms_pages.TerritoryPage",
        verbose_name=_("territory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    members_only = models.BooleanField(
        _("members only"),
        default=False,
        help_text=_("Only the initiative's members can read and answer this thread."),
    )
    pinned = models.BooleanField(_("pinned"), default=False)
    closed = models.BooleanField(
        _("closed"), default=False, help_text=_("A closed thread takes no new comments.")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = _("discussion thread")
        verbose_name_plural = _("discussion threads")
        ordering = ["-pinned", "-last_activity_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(enjeu__isnull=False, initiative__isnull=True)
                    | Q(enjeu__isnull=True, initiative__isnull=False)
                ),
                name="thread_in_one_forum",
            ),
            models.CheckConstraint(
                condition=Q(members_only=False) | Q(initiative__isnull=False),
                name="members_only_in_initiatives",
            ),
        ]
        indexes = [
            models.Index(fields=["enjeu", "-last_activity_at"]),
            models.Index(fields=["initiative", "-last_activity_at"]),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.slug = slugify(self.title)[:80] or "discussion"
        self.body_html = render_message(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        if self.initiative_id:
            return reverse(
                "forums:initiative-thread",
                kwargs={"pk": self.initiative_id, "thread_id": self.pk, "slug": self.slug},
            )
        return reverse(
            "forums:enjeu-thread",
            kwargs={"enjeu_slug": self.enjeu.slug, "thread_id": self.pk, "slug": self.slug},
        )

    @property
    def forum_page(self):
        """The enjeu or initiative whose forum holds this thread."""
        return self.initiative if self.initiative_id else self.enjeu
