"""Turning a spreadsheet's words into the capture form's values.

Facilitators write « Rêve », « revolte », « Grand Belfort », « 200069052 », « Héricourt » or
« 70285 »: each is looked up without case, accents, spaces or punctuation, and handed to the
capture form, which then checks it exactly as if it had been chosen on the capture page.
"""

import re

from django.utils import translation
from django.utils.translation import gettext as _

from cms_pages.models import Commune, TerritoryPage

from .capture import fold
from .models import Contribution

Kind, AgeRange, Public = Contribution.Kind, Contribution.AgeRange, Contribution.Public

KIND_WORDS = {
    "revoltes": Kind.REVOLTE,
    "colere": Kind.REVOLTE,
    "reves": Kind.REVE,
    "dream": Kind.REVE,
}
AGE_WORDS = {
    "moinsde18": AgeRange.UNDER_18,
    "moinsde18ans": AgeRange.UNDER_18,
    "plusde75": AgeRange.OVER_75,
    "plusde75ans": AgeRange.OVER_75,
    "75etplus": AgeRange.OVER_75,
}
PUBLIC_WORDS = {
    "habitant": Public.RESIDENT,
    "habitante": Public.RESIDENT,
    "jeune": Public.YOUNG,
    "senior": Public.SENIOR,
    "demandeurdemploi": Public.JOB_SEEKER,
    "demandeusedemploi": Public.JOB_SEEKER,
    "salarie": Public.WORKER,
    "salariee": Public.WORKER,
    "actif": Public.WORKER,
    "active": Public.WORKER,
    "handicap": Public.DISABILITY,
    "personneensituationdehandicap": Public.DISABILITY,
    "associatif": Public.ASSOCIATION,
    "associative": Public.ASSOCIATION,
    "membredassociation": Public.ASSOCIATION,
    "elu": Public.ELECTED,
    "elue": Public.ELECTED,
    "autre": Public.OTHER,
}
SHOWN_CHARS = 40


def _table(choices, extra):
    """Every way of writing a choice: its code, its label in French and English, ``extra``."""
    table = {}
    for value, label in choices.choices:
        table[fold(value)] = value
        for language in ("fr", "en"):
            with translation.override(language):
                table[fold(str(label))] = value
    table.update(extra)
    return table


def _shown(value):
    return value if len(value) <= SHOWN_CHARS else value[:SHOWN_CHARS] + "…"


class ValueResolver:
    """Looks up the words of one import's rows; built once per import."""

    def __init__(self, choices):
        self.choices = choices
        self.kinds = _table(Kind, KIND_WORDS)
        self.ages = _table(AgeRange, AGE_WORDS)
        self.publics = _table(Public, PUBLIC_WORDS)
        territories = list(
            TerritoryPage.objects.live().public().only("pk", "title", "slug", "siren")
        )
        self.territories = {}
        for territory in territories:
            for key in (territory.siren, fold(territory.slug), fold(territory.title)):
                self.territories.setdefault(key, territory.pk)
        self.titles = [(fold(t.title), t.pk) for t in territories]
        self.communes_by_code, self.communes_by_name = {}, {}
        for commune in Commune.objects.filter(territory__in=territories).only(
            "pk", "name", "insee_code", "territory_id"
        ):
            self.communes_by_code.setdefault(commune.insee_code.upper(), []).append(commune)
            self.communes_by_name.setdefault(fold(commune.name), []).append(commune)

    def form_data(self, values):
        """The capture form's data for one row, and the problems found on the way as
        ``(field, message, code)``."""
        data = {name: values.get(name, "") for name in values}
        problems = []
        for name, lookup, message in (
            ("kind", self.kind, _("“%(value)s” is neither révolte nor rêve.")),
            ("participant_age_range", self.age_range, _("Unknown age range “%(value)s”.")),
            ("participant_public", self.public, _("Unknown kind of public “%(value)s”.")),
        ):
            raw = values.get(name, "")
            if raw:
                data[name] = lookup(raw)
                if data[name] is None:
                    problems.append((name, message % {"value": _shown(raw)}, "invalid_choice"))
        territory = self.territory(values.get("territory", ""))
        if territory is None:
            problems.append(
                (
                    "territory",
                    _("Unknown territory “%(value)s”: give its slug, its name or its SIREN code.")
                    % {"value": _shown(values["territory"])},
                    "unknown_territory",
                )
            )
        data["territory"] = territory or ""
        raw_commune = values.get("commune", "")
        if raw_commune:
            data["commune"] = self.commune(raw_commune, territory)
            if data["commune"] is None:
                problems.append(
                    (
                        "commune",
                        _("Unknown commune “%(value)s”: give its name or its INSEE code.")
                        % {"value": _shown(raw_commune)},
                        "unknown_commune",
                    )
                )
        return data, problems

    def kind(self, raw):
        return self.kinds.get(fold(raw))

    def public(self, raw):
        return self.publics.get(fold(raw))

    def age_range(self, raw):
        folded = fold(raw)
        if folded in self.ages:
            return self.ages[folded]
        numbers = re.findall(r"\d+", raw)
        if len(numbers) == 2 and "_".join(numbers) in AgeRange.values:
            return "_".join(numbers)
        if numbers == ["18"] and folded.startswith(("moins", "under")):
            return AgeRange.UNDER_18
        if numbers == ["75"] and folded.startswith(("plus", "over")):
            return AgeRange.OVER_75
        return None

    def territory(self, raw):
        """The territory's id; the event's only territory when blank; None when unknown."""
        if not raw:
            default = self.choices.default_territory
            return default.pk if default else ""
        folded = fold(raw)
        if folded in self.territories:
            return self.territories[folded]
        # « Pays d'Héricourt » for « Communauté de communes du Pays d'Héricourt ».
        matches = {pk for title, pk in self.titles if len(folded) >= 5 and title.endswith(folded)}
        return matches.pop() if len(matches) == 1 else None

    def commune(self, raw, territory):
        """The commune's id, preferring one in ``territory``; None when unknown."""
        candidates = self.communes_by_code.get(raw.strip().upper()) or self.communes_by_name.get(
            fold(raw), []
        )
        if not candidates:
            return None
        for commune in candidates:
            if commune.territory_id == territory:
                return commune.pk
        for commune in candidates:
            if commune.pk in self.choices.communes:
                return commune.pk
        return candidates[0].pk
