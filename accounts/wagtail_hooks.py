"""Admin registration of accounts: deleting a user from the admin erases them as deleting
their own account does (``accounts.erasure``), and the audit log's label for it."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks

from .erasure import DELETE_ACCOUNT, delete_account


@hooks.register("before_delete_user")
def erase_deleted_user(request, user):
    """On the admin's confirmation (a POST; Wagtail has checked the permission), erase and
    delete the user instead of Wagtail's plain deletion, whose log entry and message would
    keep their name."""
    if request.method != "POST":
        return None
    delete_account(user, by=request.user)
    messages.success(request, _("The account has been deleted and its traces anonymised."))
    return redirect("wagtailusers_users:index")


@hooks.register("register_log_actions")
def register_account_log_actions(actions):
    actions.register_action(
        DELETE_ACCOUNT, gettext_lazy("Delete account"), gettext_lazy("Account deleted")
    )
