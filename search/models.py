"""The search documents: one row per object that anyone may see, what every engine indexes.

A document exists only while its object is public (published, not hidden, not private, not
members-only): visibility is decided by each source's ``public()`` queryset before a row is
written, so no engine can return what was never stored. The rows are also the database engine's
index (on PostgreSQL through their own vector columns, search/migrations/0005; on SQLite through
Wagtail's search) and the source an Elasticsearch rebuild or catch-up reads."""

from django.db import connection, models
from django.utils.functional import classproperty
from django.utils.translation import gettext_lazy as _
from modelsearch import index

from . import french

TITLE_MAX_LENGTH = 300
# A document keeps this much of its object's text: enough to match and to quote.
TEXT_MAX_LENGTH = 20_000
PLACES_NAMES_MAX_LENGTH = 1000


def indexed_by_wagtail():
    """Whether Wagtail's search indexes the rows: on SQLite only, whose FTS5 table is the
    database engine's index. PostgreSQL matches the rows' own generated vector columns
    (search/migrations/0005), so writing Wagtail's index entries there would be wasted work
    on every save and rebuild."""
    return connection.vendor == "sqlite"


class StemmedField(index.SearchField):
    """A field indexed as its French stems (SQLite, whose full-text search cannot stem)."""

    def get_value(self, obj):
        return french.stems(super().get_value(obj) or "")


class SearchDocument(index.Indexed, models.Model):
    key = models.CharField(_("key"), max_length=100, unique=True)
    kind = models.CharField(_("type"), max_length=30)
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    text = models.TextField(_("text"), blank=True)
    tags = models.CharField(_("tags"), max_length=500, blank=True)
    # The names of the territories and enjeux the document is filed under: « mobilité » finds
    # what belongs to the Mobilité enjeu. Matched below the title, with the tags.
    places_names = models.CharField(
        _("names of its territories and enjeux"), max_length=PLACES_NAMES_MAX_LENGTH, blank=True
    )
    url = models.CharField(_("URL"), max_length=500)
    maturity = models.CharField(_("maturity"), max_length=20, blank=True)
    date = models.DateTimeField(_("date"), null=True, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    places = models.ManyToManyField(
        "wagtailcore.Page", through="DocumentPlace", related_name="+", blank=True
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        indexes = [models.Index(fields=["kind"], name="searchdocument_kind")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(latitude__isnull=True, longitude__isnull=True)
                    | models.Q(latitude__isnull=False, longitude__isnull=False)
                ),
                name="searchdocument_point_complete",
            ),
        ]

    def __str__(self):
        return self.title

    @classproperty
    def search_fields(cls):
        """What Wagtail indexes, on SQLite only (``indexed_by_wagtail``): the stems computed
        here (the query is stemmed the same way). Nothing elsewhere, so Wagtail neither
        writes index entries nor connects its signal handlers for the rows."""
        if not indexed_by_wagtail():
            return []
        return [
            StemmedField("title", boost=5),
            StemmedField("tags", boost=2),
            StemmedField("places_names", boost=2),
            StemmedField("text"),
            index.AutocompleteField("folded_title"),
            index.FilterField("id"),
            index.FilterField("kind"),
            index.FilterField("maturity"),
        ]

    def folded_title(self):
        """The title without accents, for the autocomplete (« Ecole » finds « École »)."""
        return french.fold(self.title)

    @property
    def point(self):
        if self.latitude is None or self.longitude is None:
            return None
        return (self.latitude, self.longitude)


class DocumentPlace(models.Model):
    """A territory or an enjeu a document belongs to: the territory and enjeu facets."""

    class Relation(models.TextChoices):
        TERRITORY = "territory", _("territory")
        ENJEU = "enjeu", _("enjeu")

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="links")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    relation = models.CharField(max_length=10, choices=Relation.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["document", "page", "relation"], name="documentplace_unique"
            ),
        ]
        # With the document: a page filter reads its documents from the index alone.
        indexes = [
            models.Index(fields=["relation", "page", "document"], name="documentplace_facet")
        ]

    def __str__(self):
        return f"{self.document_id} → {self.relation} {self.page_id}"


class PendingIndexUpdate(models.Model):
    """A document key whose write to Elasticsearch failed: the catch-up re-sends it (its row
    if the document still exists, a delete otherwise)."""

    key = models.CharField(max_length=100, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pending search index update")
        verbose_name_plural = _("pending search index updates")

    def __str__(self):
        return self.key
