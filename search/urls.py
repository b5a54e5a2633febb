"""The search page and the search box's suggestions ("recherche" is a reserved slug)."""

from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("", views.search_results, name="results"),
    path("suggestions", views.suggestions, name="suggestions"),
]
