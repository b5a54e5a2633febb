"""What the current citizen may do on a contribution's page (“moi aussi”, report)."""

from django import template

from moderation.forms import ReportForm
from moderation.reports import has_reported

from ..models import Support

register = template.Library()


@register.simple_tag(takes_context=True)
def contribution_actions(context, contribution):
    """State of the action buttons for ``contribution``: at most two small queries, and none
    for visitors."""
    request = context.get("request")
    user = getattr(request, "user", None)
    state = {
        "signed_in": bool(user and user.is_authenticated),
        "published": contribution.status == contribution.Status.PUBLISHED,
        "can_support": False,
        "supported": False,
        "can_report": False,
        "reported": False,
        "report_form": None,
    }
    if not state["signed_in"]:
        return state
    state["can_support"] = user.has_perm("consultation.support_contribution", contribution)
    if state["can_support"]:
        state["supported"] = Support.objects.filter(
            contribution_id=contribution.pk, user=user
        ).exists()
    state["can_report"] = user.has_perm("consultation.report_contribution", contribution)
    if state["can_report"]:
        state["reported"] = has_reported(contribution, user)
        if not state["reported"]:
            state["report_form"] = ReportForm(auto_id="report_%s")
    return state
