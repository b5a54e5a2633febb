"""Co-editing an initiative: which version a member started from, what changed between two
revisions (field by field, with Wagtail's comparison classes) and what a restore would bring
back.

Every save is a revision; a save built on a revision that is no longer the latest is refused
(``StaleRevision``) so that no member's change is lost."""

import json
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.admin.compare import (
    ChoiceFieldComparison,
    FieldComparison,
    ForeignObjectComparison,
    M2MFieldComparison,
    RichTextFieldComparison,
    TagsFieldComparison,
    TextDiff,
    TextFieldComparison,
)
from wagtail.models import Revision

from accounts.models import FORMER_PARTICIPANT
from cms_pages.geo import parse_point
from consultation.models import Contribution
from theme.params import parse_id

from .models import InitiativePage

BASE_REVISION_FIELD = "base_revision"
# A page that has no revision yet (created outside the public form) is edited "from nothing".
NO_REVISION = "0"


def _casefold(text):
    return str(text).casefold()


class SortedM2MComparison(M2MFieldComparison):
    """Territories and enjeux by name, whatever the order they were stored in."""

    def get_items(self):
        return (
            sorted(self.val_a, key=self.get_item_display),
            sorted(self.val_b, key=self.get_item_display),
        )

    def get_item_display(self, item):
        return getattr(item, "title", None) or str(item)

    def has_changed(self):
        items_a, items_b = self.get_items()
        return [item.pk for item in items_a] != [item.pk for item in items_b]


class KeywordsComparison(TagsFieldComparison):
    """Keywords as typed (Wagtail shows their slugs), sorted."""

    def get_items(self):
        return (
            sorted(self.val_a, key=lambda tag: _casefold(tag.name)),
            sorted(self.val_b, key=lambda tag: _casefold(tag.name)),
        )

    def get_item_display(self, tag):
        return tag.name

    def has_changed(self):
        items_a, items_b = self.get_items()
        return [t.pk for t in items_a] != [t.pk for t in items_b]


class InspirationComparison(SortedM2MComparison):
    """Révoltes and rêves by number; the text only of those still published."""

    def get_items(self):
        items_a, items_b = list(self.val_a), list(self.val_b)
        pks = {item.pk for item in items_a + items_b}
        self.published = set(
            Contribution.objects.published().filter(pk__in=pks).values_list("pk", flat=True)
        )
        return sorted(items_a, key=lambda c: c.pk), sorted(items_b, key=lambda c: c.pk)

    def get_item_display(self, item):
        if item.pk in getattr(self, "published", ()):
            return f"n° {item.pk} — {str(item)[:60]}"
        return f"n° {item.pk}"


class NeedsComparison(M2MFieldComparison):
    """The list of needs, compared by their text (the form gives new block ids each save)."""

    def __init__(self, field, obj_a, obj_b):
        self.field = field
        self.val_a = needs_of(obj_a.needs)
        self.val_b = needs_of(obj_b.needs)

    def get_items(self):
        return self.val_a, self.val_b


def _point(value):
    """``(latitude, longitude)`` rounded to about a metre, or None, whatever the EWKT's
    formatting."""
    try:
        point = parse_point(value)
    except ValidationError:
        return None
    return (round(point[0], 5), round(point[1], 5)) if point else None


class PointComparison(FieldComparison):
    """The point on the map as latitude, longitude."""

    @staticmethod
    def _display(value):
        point = _point(value)
        if not point:
            return str(_("No point"))
        return f"{point[0]:.5f}, {point[1]:.5f}"

    def has_changed(self):
        return _point(self.val_a) != _point(self.val_b)

    def htmldiff(self):
        old, new = self._display(self.val_a), self._display(self.val_b)
        if self.has_changed():
            return TextDiff([("deletion", old), ("addition", new)], separator=" ").to_html()
        return escape(old)


# The fields a member edits, in the form's order, with the class that compares them.
COMPARED_FIELDS = [
    ("title", _("Name"), TextFieldComparison),
    ("summary", _("Summary"), TextFieldComparison),
    ("description", _("Description"), RichTextFieldComparison),
    ("image", _("Image"), ForeignObjectComparison),
    ("territories", _("Territories"), SortedM2MComparison),
    ("commune", _("Commune"), ForeignObjectComparison),
    ("location", _("Point on the map"), PointComparison),
    ("enjeux", _("Enjeux"), SortedM2MComparison),
    ("tags", _("Keywords"), KeywordsComparison),
    ("maturity", _("Maturity"), ChoiceFieldComparison),
    ("economic_purpose", _("Economic purpose"), ChoiceFieldComparison),
    ("organisation_mode", _("Organisation mode"), ChoiceFieldComparison),
    ("needs", _("Needs"), NeedsComparison),
    ("inspired_by", _("Inspired by the révoltes and rêves"), InspirationComparison),
    ("membership_policy", _("Membership policy"), ChoiceFieldComparison),
]
FIELD_LABELS = {name: label for name, label, _cls in COMPARED_FIELDS}


def needs_of(value):
    """The needs' texts from a StreamField value or its stored JSON."""
    if isinstance(value, str):
        try:
            value = json.loads(value or "[]")
        except ValueError:
            return []
    needs = []
    for block in value or []:
        if isinstance(block, dict):
            needs.append(str(block.get("value", "")))
        else:
            needs.append(str(block.value))
    return needs


def _normalised(content, name):
    """One field of a revision's stored content, comparable across revisions."""
    if name == "tags":
        return sorted(item.get("tag") or 0 for item in content.get("tagged_items") or [])
    if name == "needs":
        return needs_of(content.get("needs"))
    if name == "location":
        return _point(content.get("location"))
    value = content.get(name)
    if name in ("territories", "enjeux", "inspired_by"):
        return sorted(value or [])
    return value


def changed_fields(content_a, content_b):
    """Labels of the fields that differ between two revisions' stored content (no query);
    ``content_a`` is None for the first revision."""
    if content_a is None:
        return []
    return [
        FIELD_LABELS[name]
        for name, _label, _cls in COMPARED_FIELDS
        if _normalised(content_a, name) != _normalised(content_b, name)
    ]


def draft_changes(latest_content, draft):
    """Labels of the fields that ``draft`` (an edited page in memory) changes."""
    return changed_fields(latest_content or {}, draft.serializable_data())


@dataclass
class FieldDiff:
    name: str
    label: str
    html: str
    changed: bool


_CHANGE_SPAN_RE = re.compile(r'<span class="(addition|deletion)">(.*?)</span>', re.DOTALL)


def _marked(html):
    """Wagtail marks changes with coloured spans; <ins> and <del> also say it without colour.
    The values inside are already escaped, so they hold no literal ``</span>``."""
    if not html:
        return html

    def replace(match):
        tag = "ins" if match.group(1) == "addition" else "del"
        return f'<{tag} class="{match.group(1)}">{match.group(2)}</{tag}>'

    html = _CHANGE_SPAN_RE.sub(replace, str(html)).replace("</del><ins", "</del> <ins")
    return mark_safe(html)  # noqa: S308 (values escaped by Wagtail)


def compare(obj_a, obj_b, *, changed_only=False):
    """Field-by-field differences from ``obj_a`` to ``obj_b`` (two versions of the page), as
    escaped HTML with additions in <ins> and deletions in <del>."""
    diffs = []
    for name, label, comparison_class in COMPARED_FIELDS:
        field = InitiativePage._meta.get_field(name)
        comparison = comparison_class(field, obj_a, obj_b)
        changed = bool(comparison.has_changed())
        if changed_only and not changed:
            continue
        html = comparison.htmldiff()
        if isinstance(html, SafeData):
            html = _marked(html)
        diffs.append(FieldDiff(name=name, label=label, html=html, changed=changed))
    return diffs


def latest_object(page):
    """A copy of the latest version, to edit in memory.

    Never ``page`` itself: Wagtail's ``get_latest_revision_as_object()`` returns the page
    object when it has no unpublished changes, and editing that copy would also change the
    "live" side that ``publication`` compares the draft with."""
    if page.latest_revision_id:
        return page.latest_revision.as_object()
    return page.with_content_json(page.serializable_data())


def previous_revision(page, revision):
    """The revision saved just before ``revision`` on the same page, or None."""
    return page.revisions.filter(pk__lt=revision.pk).order_by("-pk").first()


def revision_diff(page, revision):
    """What ``revision`` changed against the one before it (all values when it is the first)."""
    before = previous_revision(page, revision)
    obj_b = revision.as_object()
    if before is None:
        return None, compare(obj_b, obj_b)
    return before, compare(before.as_object(), obj_b)


class InvalidBaseRevision(ValueError):
    """The posted base revision is missing, not a number, or belongs to another page."""


class StaleRevision(Exception):
    """Someone saved another version after the one this change was built on."""

    def __init__(self, base, latest):
        super().__init__(f"revision {base and base.pk} is not the latest ({latest.pk})")
        self.base = base
        self.latest = latest


def base_revision_value(page):
    """The value of the hidden ``base_revision`` field for the page as it is now."""
    return str(page.latest_revision_id) if page.latest_revision_id else NO_REVISION


def parse_base_revision(page, raw):
    """The revision (or None: no revision yet) a posted form was built on."""
    raw = (raw or "").strip()
    if not raw:
        raise InvalidBaseRevision(
            _("The form does not say which version it was based on. Reload the page.")
        )
    if raw == NO_REVISION:
        return None
    number = parse_id(raw)
    if number is None:
        raise InvalidBaseRevision(
            _("The version this form was based on is not valid. Reload the page.")
        )
    revision = page.revisions.filter(pk=number).first()
    if revision is None:
        raise InvalidBaseRevision(
            _("The version this form was based on is not a version of this initiative.")
        )
    return revision


def check_not_stale(page, base):
    """Raise ``StaleRevision`` unless ``base`` is still the page's latest revision. ``page``
    must be the row locked for this transaction."""
    base_id = base.pk if base is not None else None
    if page.latest_revision_id != base_id:
        latest = Revision.objects.select_related("user").get(pk=page.latest_revision_id)
        raise StaleRevision(base, latest)


def conflict_context(page, stale):
    """What to tell a member whose save was refused: who saved in between, when, and what
    they changed (from the member's base revision to the latest one)."""
    since = page.revisions.select_related("user").order_by("pk")
    if stale.base is not None:
        since = since.filter(pk__gt=stale.base.pk)
    since = list(since.defer("content")[:50])
    authors = []
    for revision in since:
        name = author_name(revision)
        if name not in authors:
            authors.append(name)
    latest_obj = stale.latest.as_object()
    base_obj = stale.base.as_object() if stale.base is not None else page
    return {
        "conflict": {
            "latest": stale.latest,
            "latest_author": author_name(stale.latest),
            "authors": authors,
            "count": len(since),
            "diffs": compare(base_obj, latest_obj, changed_only=True),
        }
    }


def author_name(revision):
    """The public name of whoever saved ``revision``: « Ancien participant » once they
    deleted their account."""
    if revision.user_id is None:
        return str(FORMER_PARTICIPANT)
    return revision.user.public_name
