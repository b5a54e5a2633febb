"""The per-account limits of initiatives (``accounts.ratelimit``): creating one, writing to
its porteurs, asking to join it, saving its edit form, sending an image.

Edits are counted on the revisions the account saved; the rest leaves no lasting row of its
own (a message is e-mailed, a request can be cancelled, an image sent may be refused or
replaced), so each allowed action is recorded as it is taken."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Revision

from accounts.ratelimit import AccountRateLimit, duplicate_window_start, recent_duplicate

from .models import InitiativePage, Membership


def count_revisions(user, since):
    """The initiative revisions ``user`` saved (edits, restores, and the first one of a new
    initiative)."""
    return Revision.objects.filter(
        user=user,
        created_at__gt=since,
        content_type=ContentType.objects.get_for_model(InitiativePage),
    ).count()


initiative_creations = AccountRateLimit(
    "INITIATIVE_CREATION_RATE_LIMIT", action="initiative-creation"
)
initiative_contacts = AccountRateLimit("INITIATIVE_CONTACT_RATE_LIMIT", action="initiative-contact")
# Requests to join (each e-mails the porteurs): overall, and on one initiative.
join_requests = AccountRateLimit("INITIATIVE_JOIN_REQUEST_RATE_LIMIT", action="initiative-join")
join_requests_per_initiative = AccountRateLimit(
    "INITIATIVE_JOIN_REQUESTS_PER_INITIATIVE_LIMIT", action="initiative-join", per_scope=True
)
initiative_edits = AccountRateLimit("INITIATIVE_EDIT_RATE_LIMIT", count=count_revisions)
# Counted when sent, before the image is decoded: a refused image costs its decoding too.
image_uploads = AccountRateLimit("INITIATIVE_IMAGE_RATE_LIMIT", action="initiative-image")


def may_request_to_join(user, page):
    """Lock the account, then tell whether one more request to join ``page`` is allowed."""
    return join_requests_per_initiative.allows(user, page.pk) and join_requests.allows(
        user, page.pk
    )


def duplicate_join_request(user, page, message):
    """``user``'s pending request to join ``page``, sent a moment ago with the same message
    (a double submit), or None."""
    recent = Membership.objects.filter(
        user=user,
        initiative=page,
        status=Membership.Status.PENDING,
        created_at__gt=duplicate_window_start(),
    )
    return recent_duplicate(user, recent, lambda row: (row.message,), (message,))


def files_within_limit(request):
    """``(files, refused)``: the files sent, and whether the image among them was refused
    because the account sent too many (the files are then returned without it, so that it is
    never decoded). An image allowed is counted, whether the form turns out valid or not: its
    decoding is what the limit spares the server."""
    files = request.FILES
    if "image_upload" not in files or image_uploads.take(request.user):
        return files, False
    kept = files.copy()
    del kept["image_upload"]
    return kept, True
