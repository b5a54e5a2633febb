from django.urls import path
from django.views.generic import RedirectView

from . import deletion_views, export_views, two_factor, views

app_name = "accounts"
urlpatterns = [
    # /comptes/ itself leads to the profile, or to the login page for visitors.
    path("", RedirectView.as_view(pattern_name="accounts:profile"), name="index"),
    path("profil/", views.profile, name="profile"),
    # A copy of the citizen's data (accounts/data_export.py): asked for, then downloaded.
    path("donnees/", export_views.request_data_export, name="request_data_export"),
    path("donnees/<slug:token>/", export_views.download_data_export, name="download_data_export"),
    # Deleting one's own account (accounts/deletion_views.py), after a fresh password.
    path("supprimer/", deletion_views.delete_own_account, name="delete_account"),
    # allauth's address (website/urls.py includes these URLs before allauth's), with the code
    # typed to activate the app recorded as the session's second factor.
    path("2fa/totp/activate/", two_factor.activate_totp, name="activate_totp"),
]
