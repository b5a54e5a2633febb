"""The report view, one for everything citizens can report.

A plugin's URL names the reportable (``{"reportable": "app.model"}``, see
:mod:`moderation.registry`); the rest of the URL's arguments find the target. A target the
citizen may not see answers 404, one they may not report 403. GET shows the form, a valid POST
files the report (once per citizen) and goes back to the target with a message. A reportable
with an ``inline_template`` answers htmx requests with fragments: the form folded in place,
then its ``done_template`` with the message.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from . import reports
from .forms import ReportForm
from .registry import get_reportable


@login_required
@require_http_methods(["GET", "POST"])
def report(request, reportable, **kwargs):
    """Report the target named by ``kwargs`` to the moderators, once per citizen."""
    entry = get_reportable(reportable)
    if entry is None:
        raise Http404
    target = entry.get_target(request, **kwargs)
    if not entry.can_report(request.user, target):
        raise PermissionDenied
    if reports.has_reported(target, request.user):
        return _done(request, entry, target, entry.already, messages.INFO)
    form = ReportForm(request.POST or None, **entry.get_form_kwargs(target))
    if request.method == "POST" and form.is_valid():
        try:
            reports.file_report(
                entry,
                target,
                request.user,
                form.cleaned_data["reason"],
                form.cleaned_data["details"],
            )
        except reports.AlreadyReported:
            # A parallel request stored the same report first.
            return _done(request, entry, target, entry.already, messages.INFO)
        return _done(request, entry, target, entry.thanks, messages.SUCCESS)
    quote_title, quote_text = entry.quote(target)
    context = {
        "reportable": entry,
        "target": target,
        "form": form,
        "action_url": request.path,
        "back_url": entry.get_back_url(request, target),
        # Translators' texts, trusted as a {% translate %} literal is.
        "report_title": _trusted(entry.title),
        "back_label": _trusted(entry.back_label, entry.get_back_label_values(target)),
        "lead": _trusted(entry.lead),
        "quote_title": quote_title,
        "quote_text": quote_text,
        **entry.get_context(request, target),
    }
    status = 400 if request.method == "POST" else 200
    if request.htmx and entry.inline_template:
        return render(request, entry.inline_template, context, status=status)
    return render(request, entry.template_name, context, status=status)


def _done(request, entry, target, message, level):
    if request.htmx and entry.done_template:
        return render(
            request,
            entry.done_template,
            {"target": target, "message": message, **entry.get_context(request, target)},
        )
    messages.add_message(request, level, message)
    return redirect(entry.get_url(request, target))


def _trusted(text, values=None):
    """A translated text rendered as it is, like a ``{% translate %}`` literal; its
    placeholders filled with ``values`` escaped, like ``{% blocktranslate with … %}``."""
    text = str(text)
    if values is not None:
        text = text % {name: conditional_escape(value) for name, value in values.items()}
    return mark_safe(text)  # noqa: S308 - translators' text, the values escaped
