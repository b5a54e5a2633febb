"""Root URLs: the project's own views first, Wagtail's page tree last."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms_pages import views as cms_views

from .api import api_router

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("comptes/", include("accounts.urls")),
    path("comptes/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v2/", api_router.urls),
    path("", include("consultation.urls")),
    path("", include("initiatives.urls")),
    path("", include("forums.urls")),
    path("recherche/", include("search.urls")),
    path("api/territoires.geojson", cms_views.territories_geojson, name="territories-geojson"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
