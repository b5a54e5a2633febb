"""URLs of initiatives, keyed by page id so that they also work on drafts; included before
Wagtail's page routing (their words are reserved slugs)."""

from django.urls import path

from moderation import views as moderation_views

from .views import create, editing, membership, planisphere, suggestions

app_name = "initiatives"

create_patterns = [
    path("initiatives/nouvelle/", create.new_initiative, name="new"),
    path("initiatives/<int:pk>/statut/", create.status, name="status"),
    path("initiatives/<int:pk>/image/", create.image, name="image"),
]
membership_patterns = [
    path("initiatives/mes-initiatives/", membership.my_initiatives, name="mine"),
    path("initiatives/<int:pk>/rejoindre/", membership.join, name="join"),
    path("initiatives/<int:pk>/quitter/", membership.leave, name="leave"),
    path("initiatives/<int:pk>/membres/", membership.members, name="members"),
    path(
        "initiatives/<int:pk>/membres/<int:membership_id>/<slug:action>/",
        membership.membership_action,
        name="membership-action",
    ),
    path("initiatives/<int:pk>/contacter/", membership.contact, name="contact"),
    path(
        "initiatives/<int:pk>/signaler/",
        moderation_views.report,
        {"reportable": "initiatives.initiativepage"},
        name="report",
    ),
]
editing_patterns = [
    path("initiatives/<int:pk>/modifier/", editing.edit, name="edit"),
    path("initiatives/<int:pk>/presence/", editing.presence, name="presence"),
    path("initiatives/<int:pk>/historique/", editing.history, name="history"),
    path(
        "initiatives/<int:pk>/historique/<int:revision_id>/",
        editing.revision,
        name="revision",
    ),
    path(
        "initiatives/<int:pk>/historique/<int:revision_id>/restaurer/",
        editing.restore,
        name="restore",
    ),
]
planisphere_patterns = [
    path("api/initiatives.geojson", planisphere.initiatives_geojson, name="geojson"),
    path(
        "initiatives/<int:pk>/carte.geojson",
        planisphere.initiative_geojson,
        name="point-geojson",
    ),
]

suggestion_patterns = [
    path(
        "initiatives/api/contributions-suggestions/",
        suggestions.contributions_suggestions,
        name="contributions-suggestions",
    ),
]

urlpatterns = [
    *create_patterns,
    *suggestion_patterns,
    *membership_patterns,
    *editing_patterns,
    *planisphere_patterns,
]
