"""A discussion thread: a title and an opening message in the forum of one page (an enjeu, an
initiative…: see ``forums.owners``)."""

from django.conf import settings
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from ..formatting import render_message
from ..owners import allows_members_only, owner_of
from .comments import Comment

TITLE_MAX_LENGTH = 150
BODY_MAX_LENGTH = 5000


class ThreadQuerySet(models.QuerySet):
    def public(self):
        """Threads anyone may read: those not kept to members nor held for a moderator
        (whether their page itself is live is checked by the views)."""
        return self.filter(members_only=False, held=False)

    def not_held_for(self, user, moderator=False):
        """Leave out the threads held for a moderator, but the user's own (``moderator``:
        keep them all)."""
        if moderator:
            return self
        if user.is_authenticated:
            return self.filter(models.Q(held=False) | models.Q(author=user))
        return self.filter(held=False)

    def by_activity(self):
        return self.order_by("-pinned", "-last_activity_at", "-pk")

    def as_cards(self):
        """What a list of threads shows: author and territory joined, the messages left out,
        ``reply_count`` (published comments) counted in a subquery."""
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
    """A thematic discussion in the forum of a page: an enjeu's forum (public, across the five
    territories), an initiative's (public, or members-only when its porteurs choose so), or
    the forum of any page a plugin registers (``forums.owners``)."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
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
    # A new account's opening message with links waits for a moderator, as its comments do
    # (``forums.posting.held_for_links``): only its author and the moderators see it.
    held = models.BooleanField(
        _("held for moderation"), default=False, db_default=False, db_index=True
    )
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
        indexes = [
            models.Index(fields=["page", "-last_activity_at"]),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.slug = slugify(self.title)[:80] or "discussion"
        self.body_html = render_message(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        found = self.owner
        if found is None:
            return ""
        return reverse(
            f"forums:{found['kind']}-thread",
            kwargs={**found["url_kwargs"](self.page), "thread_id": self.pk, "slug": self.slug},
        )

    @property
    def owner(self):
        """The owner of the thread's page (``forums.owners``), None if no plugin owns it."""
        return owner_of(self.page)

    @property
    def forum_kind(self):
        found = self.owner
        return found["kind"] if found else ""

    @property
    def allows_members_only(self):
        """The thread's forum can keep threads to its page's members."""
        return allows_members_only(self.owner)

    @property
    def forum_page(self):
        """The page whose forum holds this thread, as its own type (an enjeu, an initiative),
        unless a list already gave it."""
        if "_forum_page" not in self.__dict__:
            self.__dict__["_forum_page"] = self.page.specific
        return self.__dict__["_forum_page"]

    @forum_page.setter
    def forum_page(self, page):
        """Give the thread its page as a list already holds it (no query for its URL)."""
        self.page = page
        self.__dict__["_forum_page"] = page
