"""Bulk moderation from the admin listings, on Wagtail's snippet bulk action API.

Each action asks for confirmation (and a reason or an enjeu where needed), then calls
:mod:`consultation.moderation`, which logs and notifies.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.admin import messages
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from cms_pages.collation import french
from cms_pages.models import EnjeuPage
from consultation import moderation
from consultation.models import Contribution
from moderation.models import Report

# Each selected contribution gets an audit entry and maybe an e-mail: keep one batch sane.
MAX_ITEMS = 500


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("Shown to the authors, in their “mes contributions” page and e-mail."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=moderation.REASON_MAX_LENGTH,
    )

    def clean_reason(self):
        return moderation.clean_reason(self.cleaned_data["reason"])


class EnjeuForm(forms.Form):
    enjeu = forms.ModelChoiceField(
        label=_("Enjeu"), queryset=EnjeuPage.objects.live().order_by(french())
    )


class ModerationBulkAction(SnippetBulkAction):
    """Shared by the moderation actions: moderators only, bounded batches."""

    template_name = "consultation/admin/confirm_bulk_moderation.html"
    question = ""
    button_text = ""
    success_message = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("consultation.moderate_contribution"):
            raise PermissionDenied
        ids = request.GET.getlist("id")
        if "all" in ids or len(ids) > MAX_ITEMS:
            messages.error(
                request,
                _("Select at most %(max)d items at once, or narrow the listing with filters.")
                % {"max": MAX_ITEMS},
            )
            return redirect(self.next_url)
        return super().dispatch(request, *args, **kwargs)

    def check_perm(self, obj):
        return self.request.user.has_perm("consultation.moderate_contribution")

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "action": self,
            "question": self.question,
            "action_button_text": self.button_text,
        }

    def get_execution_context(self):
        return {"moderator": self.request.user, **self.cleaned_form.cleaned_data}

    def get_success_message(self, num_parent_objects, num_child_objects):
        return self.success_message % {"count": num_parent_objects}


class ContributionBulkAction(ModerationBulkAction):
    models = [Contribution]


class PublishBulkAction(ContributionBulkAction):
    display_name = _("Publish")
    action_type = "publish"
    aria_label = _("Publish the selected contributions")
    action_priority = 10
    question = _("Publish these contributions? Their authors will be told by e-mail.")
    button_text = _("Yes, publish")
    success_message = ngettext_lazy(
        "%(count)d contribution published.", "%(count)d contributions published.", "count"
    )

    @classmethod
    def execute_action(cls, objects, moderator=None, **kwargs):
        moderation.publish(objects, moderator)
        return len(objects), 0


class HideBulkAction(ContributionBulkAction):
    display_name = _("Hide")
    action_type = "hide"
    aria_label = _("Hide the selected contributions")
    action_priority = 20
    form_class = ReasonForm
    question = _("Hide these contributions? Their authors will read the reason.")
    button_text = _("Yes, hide")
    success_message = ngettext_lazy(
        "%(count)d contribution hidden.", "%(count)d contributions hidden.", "count"
    )

    @classmethod
    def execute_action(cls, objects, moderator=None, reason="", **kwargs):
        moderation.hide(objects, moderator, reason)
        return len(objects), 0


class RejectBulkAction(ContributionBulkAction):
    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject the selected contributions")
    action_priority = 25
    form_class = ReasonForm
    classes = {"serious"}
    question = _("Reject these contributions? Their authors will read the reason.")
    button_text = _("Yes, reject")
    success_message = ngettext_lazy(
        "%(count)d contribution rejected.", "%(count)d contributions rejected.", "count"
    )

    @classmethod
    def execute_action(cls, objects, moderator=None, reason="", **kwargs):
        moderation.reject(objects, moderator, reason)
        return len(objects), 0


class LinkEnjeuBulkAction(ContributionBulkAction):
    display_name = _("Link to an enjeu")
    action_type = "link_enjeu"
    aria_label = _("Link the selected contributions to an enjeu")
    action_priority = 28
    form_class = EnjeuForm
    question = _("Link these contributions to the enjeu chosen below?")
    button_text = _("Yes, link")
    success_message = ngettext_lazy(
        "%(count)d contribution linked to the enjeu.",
        "%(count)d contributions linked to the enjeu.",
        "count",
    )

    @classmethod
    def execute_action(cls, objects, moderator=None, enjeu=None, **kwargs):
        moderation.link_to_enjeu(objects, moderator, enjeu)
        return len(objects), 0


class ResolveReportsBulkAction(ModerationBulkAction):
    models = [Report]
    display_name = _("Mark resolved")
    action_type = "resolve"
    aria_label = _("Mark the selected reports resolved")
    action_priority = 10
    question = _("Mark these reports resolved? The reported items stay as they are.")
    button_text = _("Yes, mark resolved")
    success_message = ngettext_lazy(
        "%(count)d report resolved.", "%(count)d reports resolved.", "count"
    )

    @classmethod
    def execute_action(cls, objects, moderator=None, **kwargs):
        return len(moderation.resolve_reports(objects, moderator)), 0


BULK_ACTIONS = [
    PublishBulkAction,
    HideBulkAction,
    RejectBulkAction,
    LinkEnjeuBulkAction,
    ResolveReportsBulkAction,
]
