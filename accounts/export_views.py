"""A citizen asks for a copy of their data from their profile, then downloads it
(``accounts.data_export``). Both live under /comptes/, never stored by a browser or a cache
(``accounts.middleware.PrivatePagesNoStoreMiddleware``)."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from .data_export import EXPORT_LIMIT, download_filename, export_in_progress
from .models import PersonalDataExport
from .tasks import prepare_data_export


@login_required
@require_POST
def request_data_export(request):
    """Record a request and prepare it after commit, in the background; refused politely
    while another one is being prepared, or past the limit (``PERSONAL_DATA_EXPORT_RATE_LIMIT``).
    """
    user = request.user
    with transaction.atomic():
        allowed = EXPORT_LIMIT.allows(user)  # locks the account's row: one request at a time
        if export_in_progress(user):
            messages.info(
                request,
                _(
                    "Your data is already being prepared: you will receive an e-mail as soon as "
                    "it is ready."
                ),
            )
        elif not allowed:
            messages.error(
                request,
                _("You have asked for your data too many times recently: please try again later."),
            )
        else:
            export = PersonalDataExport.objects.create(user=user)
            transaction.on_commit(partial(prepare_data_export.enqueue, export.pk))
            messages.success(
                request,
                _(
                    "Your request is recorded: we are preparing your data and will send you an "
                    "e-mail as soon as it is ready."
                ),
            )
    return redirect("accounts:profile")


@login_required
@require_safe
def download_data_export(request, token):
    """The export's ZIP file, as an attachment, to its owner only: anyone else gets the same
    404 as for an address that never existed. Once expired, a page says so and offers a new
    one."""
    export = PersonalDataExport.objects.filter(
        token=token, user=request.user, status=PersonalDataExport.Status.READY
    ).first()
    if export is None:
        raise Http404
    if export.is_expired():
        return render(request, "accounts/data_export_expired.html", {"export": export}, status=410)
    try:
        file = export.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        file,
        as_attachment=True,
        filename=download_filename(export),
        content_type="application/zip",
    )
