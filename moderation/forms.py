"""The report form, the same for everything citizens can report."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Report


class ReportForm(forms.ModelForm):
    """Why a citizen reports something: a reason, and optional details."""

    class Meta:
        model = Report
        fields = ["reason", "details"]
        labels = {"reason": _("Why are you reporting it?"), "details": _("Details")}
        help_texts = {"details": _("Optional, at most 1000 characters.")}
        widgets = {
            "reason": forms.RadioSelect,
            "details": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = Report.Reason.choices
