"""``manage.py import_communes <file>``: the communes' official centre points, by INSEE code.

The file is either GeoJSON (a FeatureCollection of Point features, such as the centres of
the communes published by IGN or Etalab) or CSV (comma or semicolon separated, a header
naming the INSEE code, the latitude and the longitude columns). Only communes already known
(members of a territory) are updated; the others in the file are ignored, so the national file
can be given as it is. Points are checked (WGS84 ranges) before anything is written; on any
error nothing is written.

A commune's point is a plain field (communes live outside the territories' revisions), so no
page revision is made for them. A territory that has no centre point but whose seat names
one of its communes gets that commune's point, published in a new revision of the territory
(skipped, with a message, when the territory has unpublished changes).
"""

import csv
import io
import json
import math

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from cms_pages.geo import format_point
from cms_pages.management.files import read_bytes
from cms_pages.models import Commune, TerritoryPage

# Property or column names under which files carry a commune's INSEE code, without case:
# IGN's ADMIN EXPRESS "INSEE_COM", INSEE's "CODGEO", Etalab's "code".
CODE_NAMES = ["code", "insee", "code_insee", "insee_com", "codgeo", "code_commune_insee"]
LATITUDE_NAMES = ["latitude", "lat", "y", "latitude_centre"]
LONGITUDE_NAMES = ["longitude", "lon", "lng", "long", "x", "longitude_centre"]


def _number(text):
    """A finite float from ``text`` (a decimal comma is accepted), or None."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        number = float(text)
    else:
        try:
            number = float(str(text).strip().replace(",", "."))
        except ValueError:
            return None
    return number if math.isfinite(number) else None


def _pick(row, names):
    """The value of the first of ``names`` present in ``row`` (keys compared without case)."""
    folded = {str(key).strip().casefold(): value for key, value in row.items()}
    for name in names:
        if name in folded and folded[name] not in (None, ""):
            return folded[name]
    return None


class Command(BaseCommand):
    help = (
        "Import the communes' centre points from a GeoJSON file (Point features) or a CSV file "
        "(INSEE code, latitude, longitude), matched by INSEE code."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="GeoJSON or CSV file")

    def handle(self, *args, path, **options):
        points = self.read(path)
        communes = list(Commune.objects.filter(insee_code__in=list(points)))
        changed = []
        for commune in communes:
            location = format_point(*points[commune.insee_code])
            if commune.location != location:
                commune.location = location
                changed.append(commune)
        with transaction.atomic():
            for commune in changed:
                commune.save()  # signals: contributions placed by commune follow
            seats = self.place_territories_at_their_seat()
        missing = Commune.objects.filter(latitude__isnull=True).count()
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "%(changed)d communes given a new point, %(same)d unchanged; "
                    "%(missing)d communes still have no point."
                )
                % {
                    "changed": len(changed),
                    "same": len(communes) - len(changed),
                    "missing": missing,
                }
            )
        )
        for line in seats:
            self.stdout.write(line)

    def read(self, path):
        """``{insee_code: (latitude, longitude)}`` from the file."""
        raw = read_bytes(path)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise CommandError(_("%(path)s is not UTF-8 text.") % {"path": path}) from error
        if text.lstrip().startswith("{"):
            rows = self.geojson_rows(text, path)
        else:
            rows = self.csv_rows(text, path)
        points = {}
        for number, (code, latitude, longitude) in enumerate(rows, start=1):
            code = str(code or "").strip()
            if len(code) == 4 and code.isdigit():
                code = "0" + code  # a spreadsheet dropped the leading zero
            if not code:
                raise CommandError(
                    _("Entry %(number)d of %(path)s has no INSEE code.")
                    % {"number": number, "path": path}
                )
            latitude, longitude = _number(latitude), _number(longitude)
            if (
                latitude is None
                or longitude is None
                or not (-90 <= latitude <= 90 and -180 <= longitude <= 180)
            ):
                raise CommandError(
                    _(
                        "Entry %(number)d of %(path)s (INSEE %(code)s) has no valid WGS84 "
                        "latitude and longitude."
                    )
                    % {"number": number, "path": path, "code": code}
                )
            points[code] = (latitude, longitude)
        if not points:
            raise CommandError(_("%(path)s holds no commune point.") % {"path": path})
        return points

    def geojson_rows(self, text, path):
        try:
            data = json.loads(text)
        except ValueError as error:
            raise CommandError(
                _("%(path)s is not a valid GeoJSON file: %(error)s")
                % {"path": path, "error": error}
            ) from error
        if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
            raise CommandError(_("%(path)s is not a GeoJSON FeatureCollection.") % {"path": path})
        rows = []
        for feature in data.get("features") or []:
            if not isinstance(feature, dict):
                continue
            properties = feature.get("properties") or {}
            geometry = feature.get("geometry") or {}
            if not isinstance(properties, dict) or geometry.get("type") != "Point":
                raise CommandError(
                    _(
                        "%(path)s: every feature must be a Point (the commune's centre) "
                        "with properties."
                    )
                    % {"path": path}
                )
            coordinates = geometry.get("coordinates")
            if not isinstance(coordinates, list):
                coordinates = []
            longitude, latitude = [*coordinates, None, None][:2]
            rows.append((_pick(properties, CODE_NAMES), latitude, longitude))
        return rows

    def csv_rows(self, text, path):
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
        header = {name.strip().casefold() for name in reader.fieldnames or []}
        for names in (CODE_NAMES, LATITUDE_NAMES, LONGITUDE_NAMES):
            if not header & set(names):
                raise CommandError(
                    _("%(path)s has no column named one of: %(names)s.")
                    % {"path": path, "names": ", ".join(names)}
                )
        return [
            (
                _pick(row, CODE_NAMES),
                _pick(row, LATITUDE_NAMES),
                _pick(row, LONGITUDE_NAMES),
            )
            for row in reader
        ]

    def place_territories_at_their_seat(self):
        """Territories without a centre point take their seat commune's point."""
        lines = []
        for territory in TerritoryPage.objects.filter(latitude__isnull=True).exclude(seat=""):
            seat = (
                territory.communes.filter(name__iexact=territory.seat, latitude__isnull=False)
                .order_by("pk")
                .first()
            )
            if seat is None:
                continue
            if territory.has_unpublished_changes:
                lines.append(
                    _(
                        "%(territory)s has unpublished changes: its centre was not set to "
                        "%(seat)s; publish or discard them, then run the command again."
                    )
                    % {"territory": territory.title, "seat": seat.name}
                )
                continue
            territory.location = seat.location
            territory.save_revision(log_action=True).publish()
            lines.append(
                _("%(territory)s is now centred on its seat, %(seat)s.")
                % {"territory": territory.title, "seat": seat.name}
            )
        return lines
