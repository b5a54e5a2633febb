"""A citizen deletes their own account from their profile (``accounts.erasure``).

The page says what goes and what stays anonymised, offers the copy of their data first, and
asks for a ticked confirmation; allauth asks for the password again unless it was given in
the last few minutes (``reauthentication_required``). Only a POST deletes. Staff accounts are
not deleted here: they carry the site's administration (pages, moderation decisions) and
another administrator deletes them in the admin, where the same erasure runs.
"""

from functools import partial

from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import transaction
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from outbox.links import absolute_url

from .erasure import delete_account
from .forms import AccountDeletionForm


def is_staff_account(user):
    return user.is_staff or user.is_superuser


@login_required
@reauthentication_required
@require_http_methods(["GET", "POST"])
def delete_own_account(request):
    user = request.user
    staff = is_staff_account(user)
    if staff and request.method == "POST":
        raise PermissionDenied
    form = (
        None if staff else AccountDeletionForm(request.POST if request.method == "POST" else None)
    )
    if request.method == "POST" and form.is_valid():
        address = user.email
        delete_account(user)
        logout(request)
        if address:
            # After commit: a deletion rolled back tells nobody it happened.
            transaction.on_commit(partial(send_deletion_confirmation, address))
        messages.success(
            request,
            _(
                "Your account has been deleted. What you posted stays, signed « Former "
                "participant ». Thank you for taking part."
            ),
        )
        return redirect("/")
    return render(request, "accounts/delete_account.html", {"form": form, "staff": staff})


def send_deletion_confirmation(address):
    """The last e-mail to ``address``: the account is gone. It leaves through the outbox like
    every mail (retried if the server is down) and is deleted from it once sent, so that the
    address is not kept there either."""
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "accounts/email/account_deleted.txt",
            {"privacy_url": absolute_url(reverse("privacy"))},
        ).strip()
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _("Your account has been deleted")
    message = EmailMessage(subject, body, None, [address])
    message.forget_when_sent = True
    message.send()
