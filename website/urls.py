"""Root URLs: the core's views, then each installed plugin's, then Wagtail's page tree last."""

from allauth.account import views as allauth_views
from django.apps import apps
from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import privacy
from accounts import views as account_views
from cms_pages.plugins import PluginConfig
from theme.language import choose_language

from .api import api_router

urlpatterns = [
    # One login path (issue 14): the admin's login and logout are allauth's, with its e-mail
    # verification, throttling and two-factor stage; Wagtail's own views would go around them.
    path("admin/login/", account_views.admin_login, name="admin_login"),
    path("admin/logout/", allauth_views.logout, name="admin_logout"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("comptes/", include("accounts.urls")),
    path("comptes/", include("allauth.urls")),
    path("confidentialite/", privacy.privacy_notice, name="privacy"),
    path("langue/", choose_language, name="set_language"),
    path("api/v2/", api_router.urls),
    path("", include("cms_pages.urls")),
]

# Plugins, in INSTALLED_APPS order: each names its URLconf in its AppConfig.
urlpatterns += [
    path(config.url_prefix, include(config.urls))
    for config in apps.get_app_configs()
    if isinstance(config, PluginConfig) and config.urls
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

# The theme's error pages (theme/views.py says why they are not plain ``404.html`` & co.).
handler400 = "theme.views.bad_request"
handler403 = "theme.views.permission_denied"
handler404 = "theme.views.page_not_found"
handler500 = "theme.views.server_error"
