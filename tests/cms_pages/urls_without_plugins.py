"""The core's URLs alone, as with ``PLUGINS=""``: no plugin URLconf mounted."""

from django.urls import include, path
from wagtail import urls as wagtail_urls

urlpatterns = [
    path("comptes/", include("accounts.urls")),
    path("", include("cms_pages.urls")),
    path("", include(wagtail_urls)),
]
