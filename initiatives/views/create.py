"""Creating an initiative from the public site, following its moderation (the status page) and
serving its image to those who may see it."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.images import get_image_model
from wagtail.models import WorkflowState

from cms_pages.areas import CENTRE_BOX_DEGREES
from consultation.models import Contribution
from initiatives import creation, publication
from initiatives.forms import InitiativeForm
from initiatives.models import InitiativeIndexPage, InitiativePage
from initiatives.ratelimit import files_within_limit, initiative_creations
from initiatives.rules import is_member, is_published, is_staff_reader
from theme.params import require_id

from .common import get_initiative

# ?taille= -> Wagtail filter spec of the rendition served.
IMAGE_SIZES = {"grande": "max-1200x900", "vignette": "fill-480x320-c50"}
DEFAULT_IMAGE_SIZE = "grande"
PUBLIC_IMAGE_MAX_AGE = 300


def _index_page():
    index = InitiativeIndexPage.objects.live().first()
    if index is None:
        raise Http404
    return index


def _inspiration_initial(request):
    """Prefill from ``?inspiration=<id>`` of a published révolte or rêve: the link to it, its
    territory, commune and enjeux."""
    raw = request.GET.get("inspiration", "")
    # A new page has no inspiration yet: start the field empty.
    empty = {"inspired_by": ""}
    if not raw:
        return empty
    contribution = (
        Contribution.objects.published()
        .filter(pk=require_id(raw, "inspiration"))
        .only("pk", "territory_id", "commune_id")
        .first()
    )
    if contribution is None:
        return empty
    return {
        "inspired_by": str(contribution.pk),
        "territories": [contribution.territory_id],
        "commune": contribution.commune_id or "",
        "enjeux": list(contribution.enjeux.values_list("pk", flat=True)),
    }


def form_map_config(form):
    """What initiative-form.js needs to draw the chosen territories and check a point."""
    return {
        "source": reverse("territories-geojson"),
        "territories": {
            str(t.pk): t.slug for t in form.fields["territories"].queryset.only("pk", "slug")
        },
        "centreBox": CENTRE_BOX_DEGREES,
    }


@login_required
@require_http_methods(["GET", "POST"])
def new_initiative(request):
    """The creation form; a valid one becomes a draft sent to the moderators."""
    if not request.user.has_perm("initiatives.add_initiative"):
        raise PermissionDenied
    index = _index_page()
    status = 200
    if request.method == "POST":
        files, image_refused = files_within_limit(request)
        form = InitiativeForm(
            request.POST,
            files,
            instance=InitiativePage(owner=request.user),
            user=request.user,
        )
        if image_refused:
            form.is_valid()
            form.add_error("image_upload", image_rate_error())
            status = 429
        elif form.is_valid():
            if initiative_creations.take(request.user):
                page = creation.create_initiative(form, index, request.user)
                messages.success(
                    request,
                    _(
                        "Thank you! Your initiative has been created. It will be published "
                        "once a moderator has read it; you will get an e-mail."
                    ),
                )
                return redirect("initiatives:status", page.pk)
            form.add_error(
                None,
                ValidationError(
                    _(
                        "You have created several initiatives in a short time. Please wait a "
                        "while before creating another one; what you typed is kept below "
                        "(choose the image again)."
                    ),
                    code="rate_limited",
                ),
            )
            status = 429
        else:
            status = 400
    else:
        form = InitiativeForm(
            instance=InitiativePage(), initial=_inspiration_initial(request), user=request.user
        )
    return render(
        request,
        "initiatives/create.html",
        {
            "form": form,
            "index_page": index,
            "limit_reached": initiative_creations.exhausted(request.user),
            "form_map_config": form_map_config(form),
        },
        status=status,
    )


def image_rate_error():
    return ValidationError(
        _(
            "You have sent many images in a short time. Please wait a while before sending "
            "another one."
        ),
        code="rate_limited",
    )


# The status page.

PENDING = "pending"
PUBLISHED = "published"
NEEDS_CHANGES = "needs_changes"
CHANGES_PENDING = "changes_pending"
CHANGES_NEED_CHANGES = "changes_need_changes"
NOT_PUBLISHED = "not_published"


def moderation_status(page):
    """``(state, workflow_state, comment)`` of an initiative in the moderators' hands."""
    state = publication.open_workflow_state(page)
    if state is None:
        return (PUBLISHED if page.live else NOT_PUBLISHED), None, ""
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        task_state = state.current_task_state
        comment = task_state.comment if task_state is not None else ""
        return (CHANGES_NEED_CHANGES if page.live else NEEDS_CHANGES), state, comment
    return (CHANGES_PENDING if page.live else PENDING), state, ""


@login_required
@require_GET
def status(request, pk):
    """Where the initiative stands with the moderators, in clear words, for its members and
    the moderators."""
    page = get_initiative(request, pk, "initiatives.view_history")
    state, workflow_state, comment = moderation_status(page)
    draft_title = page.draft_title or page.title
    return render(
        request,
        "initiatives/status.html",
        {
            "initiative": page,
            "draft_title": draft_title,
            "state": state,
            "workflow_state": workflow_state,
            "comment": comment,
            "public_url": page.get_url(request) if page.live else "",
            "can_edit": request.user.has_perm("initiatives.change_initiative", page),
            "can_view_history": request.user.has_perm("initiatives.view_history", page),
        },
    )


# The image.


def _may_see_drafts(user, page):
    return (is_member | is_staff_reader).test(user, page)


@require_GET
def image(request, pk):
    """A rendition of the initiative's image: the live one for whoever may see the page, the
    latest draft's (``?version=brouillon``) for its members and the moderators."""
    page = get_initiative(request, pk)
    draft = request.GET.get("version") == "brouillon" or not page.live
    if draft:
        if not _may_see_drafts(request.user, page):
            raise Http404
        source = page.get_latest_revision_as_object() if page.latest_revision_id else page
    else:
        source = page
    if source.image_id is None:
        raise Http404
    size = request.GET.get("taille", DEFAULT_IMAGE_SIZE)
    if size not in IMAGE_SIZES:
        raise Http404
    picture = get_image_model().objects.filter(pk=source.image_id).first()
    if picture is None:
        raise Http404
    try:
        rendition = picture.get_rendition(IMAGE_SIZES[size])
    except (OSError, ValueError):
        raise Http404 from None
    etag = f'"{rendition.pk}-{rendition.file.name.rsplit("/", 1)[-1]}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        content_type = mimetypes.guess_type(rendition.file.name)[0] or "application/octet-stream"
        response = FileResponse(rendition.file.open("rb"), content_type=content_type)
    response["ETag"] = etag
    if not draft and is_published.test(request.user, page):
        patch_cache_control(response, public=True, max_age=PUBLIC_IMAGE_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response
