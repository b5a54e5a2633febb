"""The initiative form, shared by the public creation and edit pages.

Every check is made on the server. The description is HTML limited to headings, bold, italic,
lists and links: typed as plain paragraphs without JavaScript (a small toolbar inserts the tags
when scripts run), and cleaned with nh3 whatever is posted."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import ClusterForm

from cms_pages.collation import french
from cms_pages.forms import (
    CommuneChoiceField,
    LongTextField,
    PointFormMixin,
    TitledMultipleChoiceField,
)
from cms_pages.geo import format_point, parse_point
from cms_pages.models import EnjeuPage, TerritoryPage
from cms_pages.tags import MAX_TAGS, TAG_MAX_LENGTH, parse_tags
from consultation.models import Contribution

from . import images
from .models import InitiativePage
from .sanitise import clean_description, editable_text, wrap_paragraphs

TITLE_MAX_LENGTH = 120
DESCRIPTION_MAX_LENGTH = 10000
NEEDS_MAX = 15
NEED_MAX_LENGTH = 200
INSPIRED_BY_MAX = 20
POINT_NOT_VALID = _("The position on the map is not valid; place it again.")


class ContributionNumbersField(forms.CharField):
    """Published révoltes and rêves given by their number (“12, 57”) or their address."""

    def prepare_value(self, value):
        if value is None or isinstance(value, str):
            return value
        return ", ".join(str(getattr(item, "pk", item)) for item in value)

    def clean(self, value):
        value = super().clean(value)
        numbers = []
        for token in re.split(r"[\s,;]+", value or ""):
            if not token:
                continue
            match = re.fullmatch(r"(?:.*/contributions/)?#?(\d{1,12})/?", token)
            if not match:
                raise ValidationError(
                    _("“%(token)s” is not the number of a révolte or a rêve."),
                    code="invalid",
                    params={"token": token[:40]},
                )
            if int(match.group(1)) not in numbers:
                numbers.append(int(match.group(1)))
        if len(numbers) > INSPIRED_BY_MAX:
            raise ValidationError(
                _("At most %(max)s révoltes and rêves."),
                code="too_many",
                params={"max": INSPIRED_BY_MAX},
            )
        found = {c.pk: c for c in Contribution.objects.published().filter(pk__in=numbers)}
        missing = [str(n) for n in numbers if n not in found]
        if missing:
            raise ValidationError(
                _("No published révolte or rêve has the number %(numbers)s."),
                code="unknown",
                params={"numbers": ", ".join(missing)},
            )
        return [found[n] for n in numbers]


class InitiativeForm(PointFormMixin, ClusterForm):
    """Name, texts, place, enjeux and profile of an initiative."""

    point_error_messages = dict.fromkeys(("invalid", "not_finite", "out_of_range"), POINT_NOT_VALID)

    description = LongTextField(
        label=_("Description"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12, "data-rich-text": ""}),
    )
    image_upload = images.PixelBoundImageField(
        label=_("Image"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 5 MB. Its location data (EXIF, GPS) is removed."),
    )
    image_alt = forms.CharField(
        label=_("Image description"),
        required=False,
        max_length=250,
        help_text=_("Describe the image for people who cannot see it."),
    )
    remove_image = forms.BooleanField(label=_("Remove the image"), required=False)
    tags_text = forms.CharField(label=_("Keywords"), required=False, max_length=200)
    needs_text = LongTextField(
        label=_("Needs"),
        required=False,
        max_length=NEEDS_MAX * (NEED_MAX_LENGTH + 2),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    inspired_by = ContributionNumbersField(
        label=_("Inspired by the révoltes and rêves"),
        required=False,
        max_length=300,
        # chip-picker.js turns it into a search box; typed numbers still work without it.
        widget=forms.TextInput(attrs={"data-chip-picker-input": "", "spellcheck": "false"}),
    )

    class Meta:
        model = InitiativePage
        fields = [
            "title",
            "summary",
            "description",
            "territories",
            "commune",
            "enjeux",
            "maturity",
            "economic_purpose",
            "organisation_mode",
            "inspired_by",
            "membership_policy",
        ]
        labels = {"title": _("Name of the initiative")}
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "maturity": forms.RadioSelect,
            "economic_purpose": forms.RadioSelect,
            "organisation_mode": forms.RadioSelect,
            "membership_policy": forms.RadioSelect,
            "territories": forms.CheckboxSelectMultiple,
            "enjeux": forms.CheckboxSelectMultiple,
        }
        field_classes = {
            "territories": TitledMultipleChoiceField,
            "enjeux": TitledMultipleChoiceField,
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["title"].max_length = TITLE_MAX_LENGTH
        self.fields["title"].validators.append(MaxLengthValidator(TITLE_MAX_LENGTH))
        self.fields["title"].widget.attrs["maxlength"] = TITLE_MAX_LENGTH
        self.fields["title"].help_text = gettext(
            "At most %(max)s characters; the page address is made from it."
        ) % {"max": TITLE_MAX_LENGTH}
        # Radio buttons with no empty "---------" choice: one of the model's values is required.
        for name in ("maturity", "economic_purpose", "organisation_mode", "membership_policy"):
            self.fields[name].choices = InitiativePage._meta.get_field(name).choices
        self.fields["territories"].queryset = (
            TerritoryPage.objects.live().public().defer("boundary", "body").order_by(french())
        )
        self.fields["territories"].help_text = _("One or more territories (EPCI).")
        self.fields["enjeux"].queryset = (
            EnjeuPage.objects.live().public().defer("body").order_by(french())
        )
        self._init_communes()
        self.fields["description"].help_text = gettext(
            "Paragraphs separated by an empty line. Headings, bold, italic, lists and links "
            "are kept; anything else is removed. At most %(max)s characters."
        ) % {"max": DESCRIPTION_MAX_LENGTH}
        self.fields["tags_text"].help_text = gettext(
            "Optional: up to %(count)s keywords separated by commas, %(max)s characters each."
        ) % {"count": MAX_TAGS, "max": TAG_MAX_LENGTH}
        self.fields["needs_text"].help_text = gettext(
            "One need per line (at most %(count)s), e.g. “a room on Tuesday evenings”."
        ) % {"count": NEEDS_MAX}
        self.fields["inspired_by"].help_text = _(
            "Type words of their title to find published révoltes and rêves, or give their "
            "numbers or addresses separated by commas."
        )
        self.fields["summary"].help_text = _("One or two sentences, at most 300 characters.")
        page = self.instance
        if not self.is_bound and page.pk is not None:
            self.initial["description"] = editable_text(page.description)
            self.initial["tags_text"] = ", ".join(t.name for t in page.tags.all())
            self.initial["needs_text"] = "\n".join(
                str(block.value) for block in page.needs if block.block_type == "need"
            )
            self.initial["image_alt"] = page.image.title if page.image_id else ""
            point = parse_point(page.location)
            if point:
                self.initial["latitude"], self.initial["longitude"] = point

    def _init_communes(self):
        self.fields["commune"] = CommuneChoiceField(
            list(self.fields["territories"].queryset),
            label=_("Commune"),
            required=False,
            help_text=_("Optional: where the initiative acts, if in one commune."),
        )
        if not self.is_bound and self.instance.commune_id:
            self.initial["commune"] = self.instance.commune_id

    def clean_description(self):
        return clean_description(wrap_paragraphs(self.cleaned_data["description"].strip()))

    def clean_tags_text(self):
        return parse_tags(self.cleaned_data["tags_text"])

    def clean_needs_text(self):
        needs = [" ".join(line.split()) for line in self.cleaned_data["needs_text"].split("\n")]
        needs = [need for need in needs if need]
        if len(needs) > NEEDS_MAX:
            raise ValidationError(
                _("At most %(max)s needs (%(count)s given)."),
                code="too_many_needs",
                params={"max": NEEDS_MAX, "count": len(needs)},
            )
        for need in needs:
            if len(need) > NEED_MAX_LENGTH:
                raise ValidationError(
                    _("The need “%(need)s…” is too long: at most %(max)s characters."),
                    code="need_too_long",
                    params={"need": need[:40], "max": NEED_MAX_LENGTH},
                )
        return needs

    def clean_image_upload(self):
        upload = self.cleaned_data.get("image_upload")
        return images.strip_metadata(upload) if upload else None

    def clean(self):
        cleaned = super().clean()
        territories = cleaned.get("territories")
        commune = cleaned.get("commune")
        if (
            territories is not None
            and commune is not None
            and commune.territory_id not in {t.pk for t in territories}
        ):
            self.add_error(
                "commune",
                ValidationError(
                    _("%(commune)s is not in the territories chosen."),
                    code="commune_outside_territories",
                    params={"commune": commune.name},
                ),
            )
        self.clean_point()
        if cleaned.get("image_upload") and not cleaned.get("image_alt", "").strip():
            self.add_error(
                "image_alt",
                ValidationError(_("Describe the image in a few words."), code="required"),
            )
        return cleaned

    def save(self, commit=False):
        """Fill the page in memory (never saved here: the caller makes it a revision)."""
        page = super().save(commit=False)
        data = self.cleaned_data
        page.tags.set(data["tags_text"])
        page.needs = [("need", need) for need in data["needs_text"]]
        if data.get("latitude") is not None and data.get("longitude") is not None:
            page.location = format_point(data["latitude"], data["longitude"])
        else:
            page.location = ""
        page.latitude, page.longitude = data.get("latitude"), data.get("longitude")
        if data.get("image_upload"):
            page.image = images.create_image(
                data["image_upload"], title=data["image_alt"].strip(), user=self.user
            )
        elif data.get("remove_image"):
            page.image = None
        return page
