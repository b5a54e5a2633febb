"""Sign-up that answers in the same time whether or not the address has an account.

With ``ACCOUNT_PREVENT_ENUMERATION`` allauth answers a taken address as it answers a new one
(the same page, a mail to the address), but only a new account hashes its password: the
slowest step of the request, so timing told who had an account (58 ms against 436 ms, issue
14). Here the taken-address branch hashes the submitted password too, and throws it away.

A module of its own: allauth's forms module imports ``ACCOUNT_SIGNUP_FORM_CLASS``
(accounts/forms.py), so accounts/forms.py cannot import it back.
"""

from allauth.account.forms import SignupForm
from django.contrib.auth.hashers import make_password


class ConstantWorkSignupForm(SignupForm):
    """allauth's sign-up form (with accounts.forms.SignupForm's fields) doing the same work
    for a taken address as for a new one (``ACCOUNT_FORMS["signup"]``)."""

    def try_save(self, request):
        if self.account_already_exists:
            # The hash a new account's ``set_password`` computes, for nothing.
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
