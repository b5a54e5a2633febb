"""URLs of révoltes and rêves; included before Wagtail's page routing."""

from django.urls import path

from moderation import views as moderation_views

app_name = "consultation"

# Each part of the app adds its routes to its own list below.
from .views import api, public  # noqa: E402

public_patterns = [
    path("contributions/", public.contributions_map, name="map"),
    path("contributions/<int:pk>/", public.contribution_detail, name="detail"),
    path("contributions/<int:pk>/carte.geojson", api.contribution_geojson, name="detail-geojson"),
    path("api/contributions.geojson", api.contributions_geojson, name="geojson"),
    path("api/contributions.csv", api.contributions_csv, name="csv"),
]
from .views import contribute  # noqa: E402

contribute_patterns = [
    path("contributions/nouvelle/", contribute.new_contribution, name="new"),
    path("contributions/mes-contributions/", contribute.my_contributions, name="mine"),
    path("contributions/<int:pk>/moi-aussi/", contribute.support, name="support"),
    path(
        "contributions/<int:pk>/moi-aussi/retirer/",
        contribute.withdraw_support,
        name="withdraw-support",
    ),
    path(
        "contributions/<int:pk>/signaler/",
        moderation_views.report,
        {"reportable": "consultation.contribution"},
        name="report",
    ),
]
from .views import capture  # noqa: E402

capture_patterns = [
    path("contributions/saisie/", capture.capture, name="capture"),
]

urlpatterns = [*public_patterns, *contribute_patterns, *capture_patterns]
