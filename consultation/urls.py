"""URLs of révoltes and rêves; included before Wagtail's page routing."""

from django.urls import path

app_name = "consultation"

# Each part of the app adds its routes to its own list below.
public_patterns = []
contribute_patterns = []
capture_patterns = []

urlpatterns = [*public_patterns, *contribute_patterns, *capture_patterns]
