from django.urls import path
from django.views.generic import RedirectView

from . import two_factor, views

app_name = "accounts"
urlpatterns = [
    # /comptes/ itself leads to the profile, or to the login page for visitors.
    path("", RedirectView.as_view(pattern_name="accounts:profile"), name="index"),
    path("profil/", views.profile, name="profile"),
    # allauth's address (website/urls.py includes these URLs before allauth's), with the code
    # typed to activate the app recorded as the session's second factor.
    path("2fa/totp/activate/", two_factor.activate_totp, name="activate_totp"),
]
