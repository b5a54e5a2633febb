"""``manage.py import_boundary <territory-slug> <file.geojson>``: a territory's official contour.

The file may be a bare geometry, a Feature, or a FeatureCollection such as the national file of
all EPCI contours, in which case the feature carrying the territory's SIREN code is taken.
The geometry is checked by ``cms_pages.geo`` and stored through a published revision, so it is
in the page's history; on any error nothing is written.
"""

import json
import re

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from cms_pages.geo import normalise_boundary, validate_boundary
from cms_pages.management.files import read_bytes
from cms_pages.models import TerritoryPage

# Property names under which contour files carry an EPCI's SIREN code, compared without case:
# Etalab's contours use "code", IGN's ADMIN EXPRESS "CODE_SIREN", OpenDataSoft "epci_code".
SIREN_RE = re.compile(r"\d{9}")
SIREN_PROPERTIES = ["code", "siren", "code_siren", "epci", "code_epci", "codeepci", "epci_code"]


def _values(value):
    """A property value as strings: some files hold a list of codes where one is expected."""
    values = value if isinstance(value, list) else [value]
    return {str(v).strip() for v in values if v is not None}


class Command(BaseCommand):
    # Like Django's own commands, the --help text is not translated.
    help = (
        "Import a territory's boundary from a GeoJSON file (geometry, Feature or "
        "FeatureCollection, in WGS84) and publish it in a new revision."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="slug of the territory page, e.g. grand-belfort")
        parser.add_argument("path", help="GeoJSON file")
        parser.add_argument(
            "--property",
            dest="property_name",
            help=(
                "name of the feature property that holds the SIREN code "
                f"(default: any of {', '.join(SIREN_PROPERTIES)})"
            ),
        )

    def handle(self, *args, slug, path, property_name=None, **options):
        territory = self.territory(slug)
        data = self.read(path)
        geometry = self.geometry(data, territory, path, property_name)
        try:
            geometry = normalise_boundary(geometry)
            validate_boundary(geometry)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error

        if territory.boundary == geometry:
            self.stdout.write(
                _("The boundary of %(territory)s is already this one: nothing to do.")
                % {"territory": territory.title}
            )
            return
        revision = self.publish(territory, geometry)
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Boundary of %(territory)s imported (%(type)s, %(size)d bytes) "
                    "and published in revision %(revision)d."
                )
                % {
                    "territory": territory.title,
                    "type": geometry["type"],
                    "size": len(json.dumps(geometry, separators=(",", ":"))),
                    "revision": revision.pk,
                }
            )
        )

    def territory(self, slug):
        territory = TerritoryPage.objects.filter(slug=slug).first()
        if territory is None:
            known = ", ".join(TerritoryPage.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(
                _("No territory has the slug “%(slug)s”. Known territories: %(known)s.")
                % {"slug": slug, "known": known or "—"}
            )
        if territory.has_unpublished_changes:
            # Publishing over a draft would either publish unreviewed changes or bury them.
            raise CommandError(
                _(
                    "%(territory)s has unpublished changes: publish or discard them in the "
                    "admin before importing a boundary."
                )
                % {"territory": territory.title}
            )
        return territory

    def read(self, path):
        raw = read_bytes(path)
        try:
            return json.loads(raw)
        except (UnicodeDecodeError, ValueError) as error:
            raise CommandError(
                _("%(path)s is not a valid GeoJSON file: %(error)s")
                % {"path": path, "error": error}
            ) from error

    def geometry(self, data, territory, path, property_name):
        """The geometry of ``data`` that belongs to ``territory``."""
        if not isinstance(data, dict):
            raise CommandError(
                _("%(path)s is not a valid GeoJSON file: %(error)s")
                % {"path": path, "error": _("a JSON object is expected")}
            )
        if data.get("type") == "FeatureCollection":
            features = [f for f in data.get("features") or [] if isinstance(f, dict)]
        elif data.get("type") == "Feature":
            features = [data]
        else:
            return data

        names = [property_name] if property_name else SIREN_PROPERTIES
        matching = [f for f in features if territory.siren in self.codes(f, names)]
        if len(matching) > 1:
            raise CommandError(
                _("%(count)d features of %(path)s carry the SIREN code %(siren)s; keep one.")
                % {"count": len(matching), "path": path, "siren": territory.siren}
            )
        if matching:
            return matching[0].get("geometry")
        # A file with a single feature that names no other EPCI is taken as the territory's own.
        if len(features) == 1 and not property_name:
            codes = self.codes(features[0], names)
            if not any(SIREN_RE.fullmatch(code) for code in codes):
                return features[0].get("geometry")
        raise CommandError(
            _(
                "No feature of %(path)s carries the SIREN code %(siren)s of %(territory)s "
                "(properties read: %(names)s)."
            )
            % {
                "path": path,
                "siren": territory.siren,
                "territory": territory.title,
                "names": ", ".join(names),
            }
        )

    @staticmethod
    def codes(feature, names):
        properties = feature.get("properties") or {}
        if not isinstance(properties, dict):
            return set()
        wanted = {name.casefold() for name in names}
        found = set()
        for key, value in properties.items():
            if key.casefold() in wanted:
                found |= _values(value)
        return found

    @transaction.atomic
    def publish(self, territory, geometry):
        territory.boundary = geometry
        revision = territory.save_revision(log_action=True)
        revision.publish()
        return revision
