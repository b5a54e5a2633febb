"""The admin page where facilitators import a spreadsheet of paper contributions.

Registered through Wagtail hooks at import time; consultation/wagtail_hooks.py imports this
module. Upload a CSV or XLSX file, choose the event, optionally a dry run or skipping bad rows,
and get the report (bad rows with their line numbers and reasons, counts) on the same page.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms_pages.models import EventPage
from theme.params import IdModelChoiceField

from .import_files import MAX_FILE_BYTES
from .importer import COLUMN_NAMES, ImportFileError, import_contributions

PERMISSION = "consultation.capture_contribution"
ALLOWED_EXTENSIONS = (".csv", ".txt", ".xlsx")


class EventChoiceField(IdModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.start:%d/%m/%Y})"


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File"))
    event = EventChoiceField(
        label=gettext_lazy("Event"),
        queryset=EventPage.objects.live().order_by("-start"),
        empty_label=gettext_lazy("Choose an event"),
        help_text=gettext_lazy("The event where these contributions were collected."),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Dry run: check the file and show the report, import nothing"),
        required=False,
    )
    skip_errors = forms.BooleanField(
        label=gettext_lazy("Skip bad rows and import the valid ones"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "CSV (UTF-8 or Windows-1252, comma or semicolon) or XLSX, at most %(max)s MB; "
            "line 1 names the columns."
        ) % {"max": MAX_FILE_BYTES // (1024 * 1024)}
        self.fields["file"].widget.attrs["accept"] = ",".join(ALLOWED_EXTENSIONS)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is too large: at most %(max)s MB.")
                % {"max": MAX_FILE_BYTES // (1024 * 1024)},
                code="too_large",
            )
        if not upload.name.lower().endswith(ALLOWED_EXTENSIONS):
            raise forms.ValidationError(_("Choose a .csv or .xlsx file."), code="invalid_extension")
        return upload


class ImportView(WagtailAdminTemplateMixin, FormView):
    template_name = "consultation/admin/import.html"
    form_class = ImportForm
    page_title = gettext_lazy("Import contributions")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = COLUMN_NAMES.values()
        context["capture_url"] = reverse("consultation:capture")
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            report = import_contributions(
                upload.read(),
                event=form.cleaned_data["event"],
                facilitator=self.request.user,
                filename=upload.name,
                dry_run=form.cleaned_data["dry_run"],
                skip_errors=form.cleaned_data["skip_errors"],
            )
        except ImportFileError as error:
            form.add_error("file", forms.ValidationError(error.message, code="unreadable"))
            return self.form_invalid(form)
        context = self.get_context_data(form=form, report=report)
        return self.render_to_response(context, status=200)


def template_csv(request):
    """An empty spreadsheet with the column names, as French Excel opens it (UTF-8 with BOM,
    semicolons)."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="contributions-modele.csv"'
    response.write("\ufeff" + ";".join(COLUMN_NAMES.values()) + "\r\n")
    return response


class ImportMenuItem(MenuItem):
    """Shown to facilitators and moderators only."""

    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("consultation/import/", ImportView.as_view(), name="consultation_import"),
        path(
            "consultation/import/modele.csv",
            template_csv,
            name="consultation_import_template",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        gettext_lazy("Import contributions"),
        reverse("consultation_import"),
        icon_name="upload",
        order=260,
    )


@hooks.register("register_admin_menu_item")
def register_capture_menu_item():
    """The capture page lives on the public site; facilitators often start from the admin."""
    return ImportMenuItem(
        gettext_lazy("Type in contributions"),
        reverse("consultation:capture"),
        icon_name="edit",
        order=261,
    )
