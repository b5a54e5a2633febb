"""The site's URLs plus a report URL for the example reportable of the moderation tests."""

from django.urls import path

from moderation import views
from website.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    path(
        "essai/comptes/<int:pk>/signaler/",
        views.report,
        {"reportable": "accounts.user"},
        name="example-report",
    ),
    path(
        "essai/inconnu/<int:pk>/signaler/",
        views.report,
        {"reportable": "accounts.unknown"},
        name="unknown-report",
    ),
    *site_urlpatterns,
]
