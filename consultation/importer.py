"""Importing the paper contributions of one event from a CSV or XLSX file.

Each row goes through the capture form (consultation.capture.CaptureForm), after its
spreadsheet words are turned into the form's values (« Rêve » → ``reve``, a territory by slug,
name or SIREN, a commune by name or INSEE code). A file with any bad row imports nothing,
unless asked to skip bad rows; everything is written in one transaction. A row whose
fingerprint is already stored (an earlier import, or an earlier row of the same file) is
counted as already imported: importing a file twice adds nothing.
"""

from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django_tasks import task
from taggit.models import Tag
from wagtail.models import ReferenceIndex

from cms_pages.extension_points import objects_changed

from . import geo
from .capture import CaptureForm, EventChoices, build_contribution, contribution_key, fold
from .import_files import ImportFileError, read_table
from .import_values import ValueResolver
from .models import Contribution, ContributionTag

__all__ = ["COLUMNS", "ImportFileError", "ImportReport", "RowError", "import_contributions"]

# Form field → accepted column names (folded: no case, accent, space or punctuation); the
# first is the one shown in reports.
COLUMNS = {
    "kind": ("type", "nature", "kind"),
    "territory": ("territoire", "territory", "epci"),
    "commune": ("commune", "codeinsee", "insee"),
    "title": ("titre", "title"),
    "text": ("texte", "text", "contribution"),
    "tags": ("motscles", "motcle", "tags", "tag", "etiquettes"),
    "participant_first_name": ("prenom", "firstname"),
    "participant_age_range": ("tranchedage", "trancheage", "age", "agerange"),
    "participant_public": ("public", "typedepublic", "kindofpublic"),
    "latitude": ("latitude", "lat"),
    "longitude": ("longitude", "lon", "lng", "long"),
}
COLUMN_NAMES = {
    "kind": "type",
    "territory": "territoire",
    "commune": "commune",
    "title": "titre",
    "text": "texte",
    "tags": "mots-clés",
    "participant_first_name": "prénom",
    "participant_age_range": "tranche d'âge",
    "participant_public": "public",
    "latitude": "latitude",
    "longitude": "longitude",
}
REQUIRED_COLUMNS = ("kind", "text")
SAVE_BATCH = 500


class RowError(NamedTuple):
    """One problem on one row; ``reason`` names the column, ``message`` does not."""

    line: int
    reason: str
    code: str = ""
    column: str = ""
    message: str = ""


def _error(line, column, message, code):
    reason = (
        _("%(column)s: %(message)s") % {"column": column, "message": message} if column else message
    )
    return RowError(line, reason, code or "invalid", column, message)


@dataclass
class ImportReport:
    """What an import did (or, in a dry run or when refused, would have done)."""

    rows: int = 0
    created: int = 0
    # Valid rows not stored yet: created, or to be created once the file is fixed.
    new: int = 0
    already_imported: list[int] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    dry_run: bool = False
    skip_errors: bool = False

    @property
    def error_lines(self):
        return sorted({error.line for error in self.errors})

    @property
    def already_imported_lines(self):
        """The already imported lines as ranges, e.g. « 2–40, 43 »."""
        return compact_lines(self.already_imported)

    @property
    def refused(self):
        """True when bad rows stopped the whole import."""
        return bool(self.errors) and not self.skip_errors


def compact_lines(lines, limit=30):
    """« 2–5, 9, 12–14 » for [2, 3, 4, 5, 9, 12, 13, 14]; at most ``limit`` ranges."""
    ranges = []
    for line in sorted(set(lines)):
        if ranges and line == ranges[-1][1] + 1:
            ranges[-1][1] = line
        else:
            ranges.append([line, line])
    shown = ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in ranges[:limit])
    return shown + (", …" if len(ranges) > limit else "")


def map_columns(header):
    """``{form field: column index}`` and the names of the columns that were not recognised."""
    aliases = {alias: name for name, names in COLUMNS.items() for alias in names}
    columns, ignored = {}, []
    for index, title in enumerate(header):
        name = aliases.get(fold(title))
        if name is None:
            if title:
                ignored.append(title)
        elif name in columns:
            raise ImportFileError(_("The column “%(column)s” appears twice.") % {"column": title})
        else:
            columns[name] = index
    missing = [COLUMN_NAMES[name] for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise ImportFileError(
            _("Line 1 must name the columns; missing: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    return columns, ignored


def _row_errors(line, form, resolved_errors):
    errors = list(resolved_errors)
    reported = {error.column for error in resolved_errors}
    for name, field_errors in form.errors.as_data().items():
        column = COLUMN_NAMES.get(name, "")
        if column and column in reported:
            continue
        for error in field_errors:
            errors.append(_error(line, column, " ".join(error.messages), error.code))
    return errors


def _validate(rows, columns, choices, resolver, report, progress):
    """The valid rows as ``(line, cleaned_data, key)``; errors go to the report."""
    valid = []
    for done, (line, cells) in enumerate(rows, start=1):
        values = {name: cells[i] if i < len(cells) else "" for name, i in columns.items()}
        data, problems = resolver.form_data(values)
        resolved_errors = [
            _error(line, COLUMN_NAMES[name], message, code) for name, message, code in problems
        ]
        form = CaptureForm(data, choices=choices, with_point=True)
        if form.is_valid() and not resolved_errors:
            cleaned = form.cleaned_data
            key = contribution_key(
                choices.event,
                cleaned["kind"],
                cleaned["territory"],
                cleaned["text"],
                cleaned["participant_first_name"],
            )
            valid.append((line, cleaned, key))
        else:
            report.errors.extend(_row_errors(line, form, resolved_errors))
        if progress:
            progress(done, len(rows))
    return valid


def _existing_keys(keys):
    existing = set()
    keys = list(keys)
    for start in range(0, len(keys), SAVE_BATCH):
        batch = keys[start : start + SAVE_BATCH]
        existing.update(
            Contribution.objects.filter(import_key__in=batch).values_list("import_key", flat=True)
        )
    return existing


def _store(rows, event, facilitator):
    """Insert the contributions in bulk, then their tags; Wagtail's reference index (which
    a bulk insert does not trigger) is brought up to date by a background task after commit."""
    contributions = [build_contribution(cleaned, event, facilitator) for cleaned in rows]
    Contribution.objects.bulk_create(contributions, batch_size=SAVE_BATCH)
    # bulk_create skips save(): those placed by commune get their approximate point here.
    by_commune = [c.pk for c in contributions if c.commune_id and not c.has_point]
    for start in range(0, len(by_commune), SAVE_BATCH):
        batch = by_commune[start : start + SAVE_BATCH]
        geo.place_by_commune(Contribution.objects.filter(pk__in=batch))
    names = list(dict.fromkeys(name for cleaned in rows for name in cleaned["tags"]))
    tags = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    for name in names:
        if name not in tags:
            tags[name] = Tag.objects.create(name=name)
    ContributionTag.objects.bulk_create(
        [
            ContributionTag(content_object=contribution, tag=tags[name])
            for contribution, cleaned in zip(contributions, rows, strict=True)
            for name in cleaned["tags"]
        ],
        batch_size=SAVE_BATCH,
    )
    pks = [contribution.pk for contribution in contributions]
    transaction.on_commit(lambda: index_references.enqueue(pks))
    # Published at once under post-moderation: a bulk insert sends no post_save, so this
    # tells the search (which indexes them after commit).
    objects_changed.send(sender=Contribution, pks=pks)
    return len(contributions)


@task()
def index_references(pks):
    """Record the imported contributions in Wagtail's reference index (the pages they name)."""
    with transaction.atomic():
        for contribution in Contribution.objects.filter(pk__in=pks).iterator(SAVE_BATCH):
            ReferenceIndex.create_or_update_for_object(contribution)


def import_contributions(
    data, *, event, facilitator, filename="", dry_run=False, skip_errors=False, progress=None
):
    """Import the rows of ``data`` (the file's bytes) as contributions captured at ``event``
    by ``facilitator``; return an ``ImportReport``. Raise ``ImportFileError`` when the file
    as a whole cannot be read."""
    header, rows = read_table(data, filename)
    columns, ignored = map_columns(header)
    choices = EventChoices(event)
    if "territory" not in columns and not choices.default_territory:
        raise ImportFileError(
            _("The file needs a “territoire” column: this event has several territories.")
        )
    report = ImportReport(
        rows=len(rows), ignored_columns=ignored, dry_run=dry_run, skip_errors=skip_errors
    )
    valid = _validate(rows, columns, choices, ValueResolver(choices), report, progress)
    try:
        with transaction.atomic():
            existing = _existing_keys(key for _line, _data, key in valid)
            to_create, seen = [], set()
            for line, cleaned, key in valid:
                if key in existing or key in seen:
                    report.already_imported.append(line)
                else:
                    seen.add(key)
                    to_create.append(cleaned)
            report.new = len(to_create)
            if not dry_run and not report.refused:
                report.created = _store(to_create, event, facilitator)
    except IntegrityError:
        raise ImportFileError(
            _("Another import of the same rows ran at the same time: import the file again.")
        ) from None
    return report
