"""Security headers: the Content-Security-Policy (django-csp) and the Permissions-Policy.

The public pages get ``settings.CONTENT_SECURITY_POLICY`` (or ``…_REPORT_ONLY`` when
``CSP_REPORT_ONLY=1``): scripts and styles from the site only, no inline script, no nonce (a
cached page must not freeze one). Wagtail's admin runs inline scripts and styles: every path
under ``ADMIN_PREFIX`` gets ``settings.CONTENT_SECURITY_POLICY_ADMIN`` instead, sent in the same
header as the public policy (enforced or report-only). The map tiles' host is added to
``img-src`` from ``MAP_TILES_URL`` (and, in the admin, ``GEO_WIDGET_LEAFLET_TILE_LAYER``).
"""

from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings

#: The paths that get the admin's policy: Wagtail's admin (page previews included)…
ADMIN_PREFIX = "/admin/"
#: …but for its login and logout, allauth's public pages (website/urls.py): the strict policy.
ADMIN_PUBLIC_PATHS = ("/admin/login/", "/admin/logout/")

#: Browser features no page of the site uses: denied to the site and to any frame.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


def tiles_origin(url):
    """The origin of a tile URL template, as a CSP source: ``https://{s}.tile.example.org/{z}/…``
    gives ``https://*.tile.example.org``; an empty or relative URL gives ``None``."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    host = parts.netloc.rsplit("@", 1)[-1]
    labels = ["*" if "{" in label else label for label in host.split(".")]
    if "*" in labels[1:]:
        return None  # a wildcard is only allowed as the first label
    return f"{parts.scheme}://{'.'.join(labels)}"


def is_admin_path(path):
    return path.startswith(ADMIN_PREFIX) and not path.startswith(ADMIN_PUBLIC_PATHS)


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy and the tiles' host."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        setting = (
            "CONTENT_SECURITY_POLICY_REPORT_ONLY" if report_only else "CONTENT_SECURITY_POLICY"
        )
        if not getattr(settings, setting, None):
            return parts  # this header is off (see the report-only switch in settings)
        tile_settings = ["MAP_TILES_URL"]
        if is_admin_path(request.path_info):
            admin = getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN", None) or {}
            if parts.config is None and admin:
                parts.config = default_config(admin.get("DIRECTIVES", {}))
            tile_settings.append("GEO_WIDGET_LEAFLET_TILE_LAYER")
        origins = [tiles_origin(getattr(settings, name, "")) for name in tile_settings]
        origins = list(dict.fromkeys(origin for origin in origins if origin))
        if origins:
            update = dict(parts.update or {})
            existing = update.get("img-src") or []
            existing = [existing] if isinstance(existing, str) else list(existing)
            update["img-src"] = [*existing, *origins]
            parts = PolicyParts(parts.config, update, parts.replace, parts.nonce)
        return parts


class PermissionsPolicyMiddleware:
    """Sends ``Permissions-Policy`` (Django has no setting for it) unless a view set one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = PERMISSIONS_POLICY
        return response
