"""The published contributions as CSV open data: no personal data, rounded points, and text
cells a spreadsheet will not run as formulas.

Rows are read as plain values by chunks (two more queries per chunk for the tags and the
enjeux), never as model instances, so a full export of 100,000 rows keeps memory flat and
does not load each territory page.
"""

import csv
from collections import defaultdict
from itertools import islice

from django.utils import timezone

from consultation import geo
from consultation.models import Contribution, ContributionTag

CHUNK = 1000
COLUMNS = [
    "id",
    "kind",
    "title",
    "text",
    "territory",
    "commune",
    "latitude",
    "longitude",
    "tags",
    "enjeux",
    "created_at",
    "support_count",
    "url",
]
FIELDS = (
    "pk",
    "kind",
    "title",
    "text",
    "territory__title",
    "commune__name",
    "latitude",
    "longitude",
    "created_at",
    "support_count",
)
# A spreadsheet reads a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(value):
    """A text cell a spreadsheet will not run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Echo:
    """csv.writer writes into this and gets the line back, for streaming."""

    def write(self, value):
        return value


def _labels(pks, enjeux):
    """Tag names and (public) enjeu titles of the contributions ``pks``, joined per row."""
    tags, titles = defaultdict(list), defaultdict(list)
    for pk, name in (
        ContributionTag.objects.filter(content_object_id__in=pks)
        .order_by("tag__name")
        .values_list("content_object_id", "tag__name")
    ):
        tags[pk].append(name)
    for pk, title in (
        Contribution.enjeux.through.objects.filter(
            contribution_id__in=pks, enjeupage_id__in=enjeux.values("pk")
        )
        .order_by("enjeupage__title")
        .values_list("contribution_id", "enjeupage__title")
    ):
        titles[pk].append(title)
    return tags, titles


def _row(values, tags, titles, base_url):
    pk, kind, title, text, territory, commune, latitude, longitude, created, supports = values
    has_point = latitude is not None and longitude is not None
    return [
        pk,
        kind,
        neutralise(title),
        neutralise(text),
        neutralise(territory),
        neutralise(commune or ""),
        geo.public_round(latitude) if has_point else "",
        geo.public_round(longitude) if has_point else "",
        neutralise("; ".join(tags.get(pk, ()))),
        neutralise("; ".join(titles.get(pk, ()))),
        timezone.localtime(created).isoformat(timespec="seconds"),
        supports,
        f"{base_url}{pk}/",
    ]


def csv_lines(contributions, enjeux, base_url):
    """The CSV text, BOM and header first, one string per chunk of rows.

    ``contributions``: the published, filtered queryset; ``enjeux``: the enjeu pages that may
    be named; ``base_url``: absolute URL that a row's id completes into its page's URL.
    """
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(COLUMNS)
    rows = contributions.order_by("pk").values_list(*FIELDS).iterator(chunk_size=CHUNK)
    while chunk := list(islice(rows, CHUNK)):
        tags, titles = _labels([values[0] for values in chunk], enjeux)
        yield "".join(writer.writerow(_row(v, tags, titles, base_url)) for v in chunk)
