"""Forms of the account pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms_pages.collation import french
from cms_pages.models import TerritoryPage

from .models import User


def territory_choices():
    return TerritoryPage.objects.live().public().order_by(french())


class ProfileFieldsMixin(forms.Form):
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=60,
        help_text=_("The name other people see next to what you post (not your e-mail)."),
    )
    home_territory = forms.ModelChoiceField(
        label=_("Home territory"),
        queryset=TerritoryPage.objects.none(),
        required=False,
        empty_label=_("— none —"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["home_territory"].queryset = territory_choices()

    def clean_display_name(self):
        name = " ".join(self.cleaned_data["display_name"].split())
        if "@" in name:
            raise forms.ValidationError(_("A display name cannot contain an e-mail address."))
        if not name:
            raise forms.ValidationError(_("Enter a display name."))
        return name


class SignupForm(ProfileFieldsMixin):
    """Extra fields that allauth's sign-up form asks for."""

    field_order = ["email", "display_name", "home_territory", "password1", "password2"]

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"]
        user.home_territory = self.cleaned_data["home_territory"]
        user.save(update_fields=["display_name", "home_territory"])


class ProfileForm(ProfileFieldsMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "home_territory", "discussion_emails"]
        labels = {"discussion_emails": _("E-mails about the discussions you follow")}
        help_texts = {
            "discussion_emails": _(
                "Each reply in a thread you follow, at once or gathered in one e-mail a day."
            )
        }
        widgets = {"discussion_emails": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left out of a form that does not show it (older pages, scripts): the choice is kept.
        self.fields["discussion_emails"].required = False

    def clean_discussion_emails(self):
        return self.cleaned_data.get("discussion_emails") or self.instance.discussion_emails


class AccountDeletionForm(forms.Form):
    """The citizen confirms, knowing it cannot be undone."""

    confirm = forms.BooleanField(
        label=_(
            "I understand that my account will be deleted for good, and my name and e-mail "
            "address with it."
        ),
        error_messages={"required": _("Tick the box to confirm that you want to delete it.")},
    )
