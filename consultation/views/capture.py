"""The facilitators' capture page: many paper contributions from one event, typed in a row.

Step 1 chooses the event (``?evenement=<id>``, kept in the URL); step 2 is the short form,
which after each save (or a slip refused as already stored) comes back empty with the event,
territory and kind kept and the cursor in the text box, beside the last contributions typed
in for this event in this session. It all works without JavaScript (post, then redirect).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from cms_pages.models import EventPage
from theme.params import IdModelChoiceField, parse_id

from ..capture import CaptureForm, EventChoices
from ..models import Contribution

SESSION_KEY = "consultation_capture"
RECENT_COUNT = 10


class EventChoiceField(IdModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.start:%d/%m/%Y})"


class EventForm(forms.Form):
    """Step 1: which event the paper contributions come from."""

    evenement = EventChoiceField(
        label=gettext_lazy("Event"),
        queryset=EventPage.objects.live().order_by("-start"),
        empty_label=gettext_lazy("Choose an event"),
        error_messages={"invalid_choice": gettext_lazy("Choose an event from the list.")},
    )


def _recent(request, event):
    """What this facilitator typed in for this event during this session, latest first."""
    ids = request.session.get(SESSION_KEY, {}).get(str(event.pk), [])
    if not ids:
        return []
    return list(
        Contribution.objects.filter(pk__in=ids, event=event, facilitator=request.user)
        .select_related("territory", "commune")
        .order_by("-created_at", "-pk")[:RECENT_COUNT]
    )


def _remember(request, contribution):
    captured = request.session.get(SESSION_KEY, {})
    ids = captured.get(str(contribution.event_id), [])
    captured[str(contribution.event_id)] = [*ids, contribution.pk][-RECENT_COUNT:]
    request.session[SESSION_KEY] = captured


def _sticky_initial(request, choices):
    """Territory and kind carried over from the previous save through the URL."""
    initial = {}
    territory = parse_id(request.GET.get("territoire", ""))
    if territory in choices.by_pk:
        initial["territory"] = territory
    if request.GET.get("type") in Contribution.Kind.values:
        initial["kind"] = request.GET["type"]
    return initial


def _focus(form):
    """Put the cursor on the first field in error, or else on the text."""
    names = [name for name in form.fields if name in form.errors] or ["text"]
    form.fields[names[0]].widget.attrs["autofocus"] = True


def _save(form, facilitator):
    """Store the contribution; False when the same one was already stored for this event."""
    try:
        with transaction.atomic():
            contribution = form.build(facilitator)
            contribution.save()
            if form.cleaned_data["tags"]:
                contribution.tags.add(*form.cleaned_data["tags"])
    except IntegrityError:
        return None
    return contribution


def _next_slip(event, slip):
    """The empty form for the next slip, whatever became of this one (post, then redirect):
    only the event, territory and kind carry over, never a participant's fields."""
    query = urlencode(
        {"evenement": event.pk, "territoire": slip["territory"].pk, "type": slip["kind"]}
    )
    return redirect(f"{reverse('consultation:capture')}?{query}")


@login_required
@require_http_methods(["GET", "POST"])
def capture(request):
    """Type in paper contributions from one event, one after the other."""
    if not request.user.has_perm("consultation.capture_contribution"):
        raise PermissionDenied
    event_form = EventForm(request.GET if "evenement" in request.GET else None)
    if not event_form.is_valid():
        return render(request, "consultation/capture_event.html", {"event_form": event_form})
    event = event_form.cleaned_data["evenement"]
    choices = EventChoices(event)
    if request.method == "POST":
        form = CaptureForm(request.POST, choices=choices)
        if form.is_valid():
            contribution = _save(form, request.user)
            if contribution:
                _remember(request, contribution)
                messages.success(
                    request,
                    _("Saved: “%(excerpt)s” – type in the next one.")
                    % {"excerpt": str(contribution)},
                )
            else:
                # Refused at saving (already stored): the slip is done with all the same, so
                # the next one starts from an empty form, never with this one's first name,
                # commune or text.
                messages.warning(
                    request,
                    _(
                        "This contribution is already stored for this event (same kind, "
                        "territory, text and first name)."
                    ),
                )
            return _next_slip(event, form.cleaned_data)
    else:
        form = CaptureForm(initial=_sticky_initial(request, choices), choices=choices)
    _focus(form)
    context = {
        "event": event,
        "form": form,
        "recent": _recent(request, event),
        "action": f"{reverse('consultation:capture')}?{urlencode({'evenement': event.pk})}",
    }
    return render(request, "consultation/capture.html", context)
