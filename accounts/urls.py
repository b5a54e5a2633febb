from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "accounts"
urlpatterns = [
    # /comptes/ itself leads to the profile, or to the login page for visitors.
    path("", RedirectView.as_view(pattern_name="accounts:profile"), name="index"),
    path("profil/", views.profile, name="profile"),
]
