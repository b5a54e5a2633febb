"""A second factor given while activating an authenticator app counts for the session.

Activating TOTP means typing a valid code from the new app: the session has then shown both
factors, as after allauth's login stage, and is recorded the same way (method ``mfa``), so a
Modérateur who has just set up the app reaches the admin without typing a second code
(accounts/middleware.py). allauth's own ``authenticator_added`` signal would be too late: it is
sent once the transaction commits.
"""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.views import ActivateTOTPView


class ActivateTOTPRecordingView(ActivateTOTPView):
    """allauth's activation view (served at its own address, before allauth's URLs), which
    also records the code just typed as the session's second factor."""

    def form_valid(self, form):
        response = super().form_valid(form)
        record_authentication(
            self.request, self.request.user, "mfa", type=Authenticator.Type.TOTP, activated=True
        )
        return response


activate_totp = ActivateTOTPRecordingView.as_view()
