"""Members edit their initiative from the public site.

Each save is a revision authored by the member. The form carries the revision it was built
on; the save locks the page row and is refused if another version was saved meanwhile: the
member's text is shown again next to the other person's change, to merge and save again.
Others with the page open are shown (``initiatives.presence``)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from .. import editing, publication
from .. import presence as sessions
from ..forms import InitiativeForm
from ..ratelimit import files_within_limit, initiative_edits
from .common import get_initiative
from .create import form_map_config, image_rate_error
from .history import history, restore, revision  # noqa: F401 (named in urls.py)
from .saving import back_url, save_with_retries, success_redirect

CHANGE = "initiatives.change_initiative"


def others_sentence(names):
    """“Camille is also editing this page”, for the names of the others present."""
    if not names:
        return ""
    if len(names) == 1:
        listed = names[0]
    else:
        listed = _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}
    sentence = ngettext(
        "%(names)s is also editing this page", "%(names)s are also editing this page", len(names)
    )
    return sentence % {"names": listed}


def presence_messages():
    """The same sentences for initiative-presence.js, which fills in the names."""
    return {
        "one": ngettext(
            "%(names)s is also editing this page", "%(names)s are also editing this page", 1
        ),
        "many": ngettext(
            "%(names)s is also editing this page", "%(names)s are also editing this page", 2
        ),
        "list": _("%(first)s and %(last)s"),
    }


def presence_context(request, page):
    """This tab's editing session and the others present, for the edit page."""
    session = sessions.touch(page, request.user)
    sessions.cleanup()
    names = sessions.others(page, request.user)
    return {
        "session": session.pk,
        "sentence": others_sentence(names),
        "url": reverse("initiatives:presence", args=[page.pk]),
        "interval": settings.INITIATIVE_PRESENCE_PING_SECONDS,
    }


def add_base_revision(form, value):
    """The revision the form builds on, as a hidden field of the form (the partial renders
    every hidden field); a refused save gets the latest one."""
    form.fields[editing.BASE_REVISION_FIELD] = forms.CharField(
        widget=forms.HiddenInput, required=False
    )
    if form.is_bound:
        form.data = form.data.copy()
        form.data[editing.BASE_REVISION_FIELD] = value
    else:
        form.initial[editing.BASE_REVISION_FIELD] = value


def render_edit(request, page, form, base_revision, *, status=200, **extra):
    add_base_revision(form, base_revision)
    latest = page.latest_revision
    image_url = ""
    if form.instance.image_id:
        image_url = (
            reverse("initiatives:image", args=[page.pk]) + "?version=brouillon&taille=vignette"
        )
    context = {
        "initiative": page,
        "form": form,
        "latest_revision": latest,
        "latest_author": editing.author_name(latest) if latest else "",
        "presence": presence_context(request, page),
        "presence_messages": presence_messages(),
        "lost_image": bool(request.FILES) and status != 200,
        "back_url": back_url(request, page),
        "image_url": image_url,
        "form_map_config": form_map_config(form),
        "can_view_history": request.user.has_perm("initiatives.view_history", page),
        **extra,
    }
    return render(request, "initiatives/edit.html", context, status=status)


def edit_form(request, instance, *, bound=True, files=None):
    """The shared form on ``instance`` (a copy of the latest version), bound to the post (and
    to ``files``, the files sent by default)."""
    if bound:
        files = request.FILES if files is None else files
        form = InitiativeForm(request.POST, files, instance=instance, user=request.user)
    else:
        form = InitiativeForm(instance=instance, user=request.user)
        # Only the révoltes and rêves still published: the field refuses the others, so a
        # link to one hidden since would block every save (it is not shown publicly either).
        form.initial["inspired_by"] = ", ".join(
            str(c.pk) for c in instance.inspired_by.all() if c.status == "published"
        )
    return form


def _bound_form(request, instance, files=None):
    form = edit_form(request, instance, files=files)
    form.is_valid()
    return form


def _rate_limited(request, page, files, image_refused):
    """The form back, 429, when the account saved or sent images too often (the image
    refused is never decoded)."""
    form = _bound_form(request, editing.latest_object(page), files)
    if image_refused:
        form.add_error("image_upload", image_rate_error())
    else:
        form.add_error(
            None,
            _(
                "You have saved many changes in a short time. Please wait a while before "
                "saving again; your text is kept below."
            ),
        )
    return render_edit(request, page, form, editing.base_revision_value(page), status=429)


def _save(request, pk):
    """Check the base revision under the page's row lock, then save a revision."""
    with transaction.atomic():
        # The account's row is locked before the page's (as everywhere): its saves counted.
        allowed = initiative_edits.allows(request.user)
        page = get_initiative(request, pk, CHANGE, for_update=True)
        if not allowed:
            return _rate_limited(request, page, {}, image_refused=False)
        files, image_refused = files_within_limit(request)
        if image_refused:
            return _rate_limited(request, page, files, image_refused=True)
        latest_object = editing.latest_object(page)
        try:
            base = editing.parse_base_revision(page, request.POST.get(editing.BASE_REVISION_FIELD))
        except editing.InvalidBaseRevision as error:
            form = _bound_form(request, latest_object)
            form.add_error(None, str(error))
            return render_edit(request, page, form, editing.base_revision_value(page), status=400)
        try:
            editing.check_not_stale(page, base)
        except editing.StaleRevision as stale:
            # Nothing is saved: the member's values are shown again with the other change,
            # and the form now builds on the latest revision.
            return render_edit(
                request,
                page,
                _bound_form(request, latest_object),
                editing.base_revision_value(page),
                status=409,
                **editing.conflict_context(page, stale),
            )
        form = edit_form(request, latest_object)
        if not form.is_valid():
            return render_edit(request, page, form, editing.base_revision_value(page), status=400)
        latest_content = base.content if base is not None else page.serializable_data()
        draft = form.save()
        if not editing.draft_changes(latest_content, draft):
            messages.info(request, _("Nothing has changed: no new version was saved."))
            return redirect("initiatives:edit", pk=page.pk)
        _revision, outcome = publication.save_member_revision(page, draft, request.user)
    return success_redirect(request, page, outcome)


def busy(request, pk):
    """The database was busy with another save (SQLite's lock, a PostgreSQL deadlock): nothing
    was saved; the member's values are shown again to save once more."""
    page = get_initiative(request, pk, CHANGE)
    form = _bound_form(request, editing.latest_object(page))
    form.add_error(
        None,
        _(
            "Another save of this initiative was in progress, so yours was not recorded. "
            "Your text is kept below: save again."
        ),
    )
    base = request.POST.get(editing.BASE_REVISION_FIELD, "")[:20]
    return render_edit(request, page, form, base, status=409)


@login_required
@require_http_methods(["GET", "POST"])
@transaction.non_atomic_requests
def edit(request, pk):
    """The edit form, built on the latest revision (the draft when there is one)."""
    if request.method == "POST":
        return save_with_retries(request, lambda: _save(request, pk), lambda: busy(request, pk))
    page = get_initiative(request, pk, CHANGE)
    form = edit_form(request, editing.latest_object(page), bound=False)
    return render_edit(request, page, form, editing.base_revision_value(page))


@require_POST
def presence(request, pk):
    """Refresh (or, with ``release=1``, end) the caller's editing session; tell who else is
    editing and which revision is the latest."""
    page = get_initiative(request, pk, CHANGE)
    session_id = request.POST.get("session", "")
    if request.POST.get("release"):
        return JsonResponse({"released": sessions.release(page, request.user, session_id)})
    session = sessions.touch(page, request.user, session_id)
    return JsonResponse(
        {
            # None: the session named is gone; the script opens a new one at its next ping.
            "session": session.pk if session else None,
            "others": [{"name": name} for name in sessions.others(page, request.user)],
            "latest_revision": page.latest_revision_id or 0,
        }
    )
