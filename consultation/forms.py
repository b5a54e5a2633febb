"""Citizens' forms: a new révolte or rêve online, and a report on a contribution.

Every check is made on the server (the browser's limits and the map's script are comfort
only); a form with errors stores nothing.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cms_pages.areas import has_area, territory_contains
from cms_pages.collation import french
from cms_pages.forms import CommuneChoiceField, LongTextField, PointFormMixin, TitledChoiceField
from cms_pages.models import TerritoryPage
from cms_pages.tags import MAX_TAGS, TAG_MAX_LENGTH, parse_tags

from .models import Contribution

TEXT_MIN_LENGTH = 10
TEXT_MAX_LENGTH = 2000
TITLE_MAX_LENGTH = 120
# Long enough for five tags of thirty characters with their separators.
TAGS_FIELD_MAX_LENGTH = 200


class ContributionForm(PointFormMixin):
    """A révolte or a rêve posted online by a signed-in citizen."""

    kind = forms.ChoiceField(
        label=_("This is"),
        choices=Contribution.Kind.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "A révolte is what makes you angry or worried; a rêve is what you wish for "
            "your territory."
        ),
    )
    territory = TitledChoiceField(
        label=_("Territory"),
        queryset=TerritoryPage.objects.none(),
        empty_label=_("Choose a territory"),
    )
    commune = CommuneChoiceField(
        label=_("Commune"),
        required=False,
        help_text=_(
            "Optional. Without a point on the map, your contribution is placed in this "
            "commune, or in the whole territory."
        ),
    )
    title = forms.CharField(
        label=_("Short title"),
        max_length=TITLE_MAX_LENGTH,
        required=False,
    )
    text = LongTextField(
        label=_("Your révolte or your rêve"),
        min_length=TEXT_MIN_LENGTH,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 7}),
    )
    tags = forms.CharField(
        label=_("Keywords"),
        max_length=TAGS_FIELD_MAX_LENGTH,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Help texts with numbers are translated per request, not frozen at import.
        self.fields["title"].help_text = gettext("Optional, at most %(max)s characters.") % {
            "max": TITLE_MAX_LENGTH
        }
        self.fields["text"].help_text = gettext("Between %(min)s and %(max)s characters.") % {
            "min": TEXT_MIN_LENGTH,
            "max": TEXT_MAX_LENGTH,
        }
        self.fields["tags"].help_text = gettext(
            "Optional: up to %(count)s keywords separated by commas, %(max)s characters "
            "each, e.g. “bus, night, safety”."
        ) % {"count": MAX_TAGS, "max": TAG_MAX_LENGTH}
        # The big fields are loaded only for the territory chosen, when its area is checked.
        territories = list(
            TerritoryPage.objects.live().public().defer("boundary", "body").order_by(french())
        )
        self.territories = territories
        self.fields["territory"].queryset = (
            TerritoryPage.objects.live().public().defer("body").order_by(french())
        )
        self.fields["territory"].choices = [("", self.fields["territory"].empty_label)] + [
            (t.pk, t.title) for t in territories
        ]
        self.fields["commune"].set_territories(territories)

    def clean_tags(self):
        return parse_tags(self.cleaned_data["tags"])

    def clean(self):
        cleaned = super().clean()
        territory = cleaned.get("territory")
        commune = cleaned.get("commune")
        if territory and commune and commune.territory_id != territory.pk:
            self.add_error(
                "commune",
                ValidationError(
                    _("%(commune)s is not in %(territory)s: choose one of its communes."),
                    code="commune_outside_territory",
                    params={"commune": commune.name, "territory": territory.title},
                ),
            )
        point = self.clean_point()
        if point is not None:
            self._check_point_in(territory, *point)
        return cleaned

    def _check_point_in(self, territory, latitude, longitude):
        if territory is None:
            return
        if not has_area(territory):
            self.add_error(
                "latitude",
                ValidationError(
                    _(
                        "%(territory)s cannot be shown on the map yet: remove the point and "
                        "choose a commune instead."
                    ),
                    code="territory_without_area",
                    params={"territory": territory.title},
                ),
            )
        elif not territory_contains(territory, latitude, longitude):
            self.add_error(
                "latitude",
                ValidationError(
                    _(
                        "The point is outside %(territory)s: place it inside the territory, "
                        "or choose another territory."
                    ),
                    code="outside_territory",
                    params={"territory": territory.title},
                ),
            )

    def territory_slugs(self):
        """``{territory id: slug}`` for the map script, which fetches the outline by slug."""
        return {str(t.pk): t.slug for t in self.territories}

    def save(self, author):
        """Store the contribution (call inside a transaction) and return it."""
        data = self.cleaned_data
        contribution = Contribution.objects.create(
            kind=data["kind"],
            title=data["title"],
            text=data["text"],
            territory=data["territory"],
            commune=data["commune"],
            latitude=data["latitude"],
            longitude=data["longitude"],
            source=Contribution.Source.ONLINE,
            author=author,
            status=(
                Contribution.Status.PENDING
                if settings.CONTRIBUTIONS_PREMODERATION
                else Contribution.Status.PUBLISHED
            ),
        )
        if data["tags"]:
            contribution.tags.set(data["tags"])
        return contribution
