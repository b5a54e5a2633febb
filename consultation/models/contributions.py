"""A révolte or a rêve, posted online or captured by a facilitator at an event."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from cms_pages.geo import jittered_point
from consultation.rules import can_moderate

# About 100 m: three decimals of a degree are 111 m of latitude and 75 m of longitude here.
PUBLIC_POINT_DECIMALS = 3
# A contribution without a title is named by the start of its text, at most this long.
AUTOMATIC_TITLE_LENGTH = 60


def automatic_title(text, length=AUTOMATIC_TITLE_LENGTH):
    """The start of ``text`` as a title: at most ``length`` characters, cut between two words
    (never inside one) and ended with « … » when text was left out."""
    words = " ".join((text or "").split())
    if len(words) <= length:
        return words
    kept = words[: length - 1]  # the ellipsis takes the last place
    if words[length - 1] != " " and " " in kept:
        kept = kept.rsplit(" ", 1)[0]
    return kept.rstrip(" ,;:.!?-–—") + "…"


class ContributionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Contribution.Status.PUBLISHED)

    def visible_to(self, user):
        """Published ones for everyone; authors also see their own, moderators see all."""
        if user.is_authenticated and can_moderate(user):
            return self
        if user.is_authenticated:
            return self.filter(
                models.Q(status=Contribution.Status.PUBLISHED) | models.Q(author=user)
            )
        return self.published()


class Contribution(ClusterableModel):
    """One révolte or rêve about a territory."""

    class Kind(models.TextChoices):
        REVOLTE = "revolte", _("Révolte")
        REVE = "reve", _("Rêve")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending moderation")
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden")
        REJECTED = "rejected", _("Rejected")

    class Source(models.TextChoices):
        ONLINE = "online", _("Online")
        EVENT = "event", _("At an event")

    class AgeRange(models.TextChoices):
        UNDER_18 = "under_18", _("Under 18")
        FROM_18_TO_25 = "18_25", _("18 to 25")
        FROM_26_TO_40 = "26_40", _("26 to 40")
        FROM_41_TO_60 = "41_60", _("41 to 60")
        FROM_61_TO_75 = "61_75", _("61 to 75")
        OVER_75 = "over_75", _("Over 75")

    class Public(models.TextChoices):
        RESIDENT = "resident", _("Resident")
        YOUNG = "young", _("Young person")
        SENIOR = "senior", _("Senior")
        JOB_SEEKER = "job_seeker", _("Job seeker")
        WORKER = "worker", _("Worker")
        DISABILITY = "disability", _("Person with a disability")
        ASSOCIATION = "association", _("Association member")
        ELECTED = "elected", _("Elected representative")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=120, blank=True)
    text = models.TextField(_("text"), max_length=2000)
    territory = models.ForeignKey(
        "cms_pages.TerritoryPage",
        verbose_name=_("territory"),
        on_delete=models.PROTECT,
        related_name="contributions",
    )
    commune = models.ForeignKey(
        "cms_pages.Commune",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
    )
    # The exact point, for moderators; public outputs round it (public_point()).
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    # True when latitude/longitude are not the author's but its commune's centre, moved a
    # little (cms_pages.geo.jittered_point): the same indexed columns serve the map's
    # clustering, and the public pages say « position approximative ».
    point_is_approximate = models.BooleanField(
        _("approximate position"), default=False, editable=False
    )
    tags = TaggableManager(
        through="consultation.ContributionTag", blank=True, verbose_name=_("tags")
    )
    enjeux = models.ManyToManyField(
        "cms_pages.EnjeuPage",
        verbose_name=_("enjeux"),
        blank=True,
        related_name="contributions",
    )
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.ONLINE
    )
    event = models.ForeignKey(
        "cms_pages.EventPage",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="captured_contributions",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
    )
    # Who spoke, for contributions captured on paper (no account; all optional).
    participant_first_name = models.CharField(_("first name"), max_length=60, blank=True)
    participant_age_range = models.CharField(
        _("age range"), max_length=10, choices=AgeRange.choices, blank=True
    )
    participant_public = models.CharField(
        _("kind of public"), max_length=20, choices=Public.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    moderation_reason = models.TextField(
        _("moderation reason"),
        max_length=1000,
        blank=True,
        help_text=_("Shown to the author when the contribution is hidden or rejected."),
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    support_count = models.PositiveIntegerField(_("“moi aussi” count"), default=0)
    # Fingerprint of an imported row: importing the same file twice adds nothing.
    import_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "territory"], name="contribution_status_territory"),
            models.Index(
                fields=["status", "latitude", "longitude"], name="contribution_status_point"
            ),
            models.Index(fields=["status", "-created_at"], name="contribution_status_created"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(latitude__isnull=True, longitude__isnull=True)
                    | models.Q(latitude__isnull=False, longitude__isnull=False)
                ),
                name="contribution_point_complete",
            ),
        ]

    def __str__(self):
        return self.title or automatic_title(self.text)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        loaded = instance.__dict__
        if "latitude" in loaded and "longitude" in loaded:
            instance._loaded_point = (loaded["latitude"], loaded["longitude"])
        return instance

    def commune_point(self):
        """The point this contribution is drawn at when placed by its commune only: the
        commune's centre jittered by the contribution's id; None without one of them."""
        commune = self.commune if self.commune_id else None
        if commune is None or commune.latitude is None or commune.longitude is None:
            return None
        if self.pk is None:
            return None
        return jittered_point(commune.latitude, commune.longitude, f"contribution-{self.pk}")

    def place_by_commune(self):
        """Set the approximate point from the commune, unless an exact point was given
        (an approximate point moved since it was loaded is exact). True if changed."""
        before = (self.latitude, self.longitude, self.point_is_approximate)
        derived = self.commune_point()
        # An approximate point left as loaded follows the commune; one moved is exact.
        # (Loaded with the point deferred: the point it now has is the stored one.)
        loaded = getattr(self, "_loaded_point", (self.latitude, self.longitude))
        exact = self.has_point and (
            not self.point_is_approximate or (self.latitude, self.longitude) != loaded
        )
        if exact:
            self.point_is_approximate = False
        elif derived:
            self.latitude, self.longitude = derived
            self.point_is_approximate = True
        else:
            self.latitude = self.longitude = None
            self.point_is_approximate = False
        return before != (self.latitude, self.longitude, self.point_is_approximate)

    def save(self, *args, **kwargs):
        created = self.pk is None
        self.place_by_commune()
        super().save(*args, **kwargs)
        # The jitter needs the id: a new contribution gets its point once it has one.
        if created and self.place_by_commune():
            Contribution.objects.filter(pk=self.pk).update(
                latitude=self.latitude,
                longitude=self.longitude,
                point_is_approximate=self.point_is_approximate,
            )
        self._loaded_point = (self.latitude, self.longitude)

    def get_absolute_url(self):
        return reverse("consultation:detail", args=[self.pk])

    @property
    def has_point(self):
        return self.latitude is not None and self.longitude is not None

    def public_point(self):
        """``(latitude, longitude)`` rounded to about 100 m, or None."""
        if not self.has_point:
            return None
        return (
            round(self.latitude, PUBLIC_POINT_DECIMALS),
            round(self.longitude, PUBLIC_POINT_DECIMALS),
        )


class ContributionTag(TaggedItemBase):
    content_object = ParentalKey(
        Contribution, related_name="tagged_items", on_delete=models.CASCADE
    )
