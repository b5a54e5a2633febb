"""Links in e-mails: every address a message carries points at the public site."""

from django.conf import settings


def absolute_url(path):
    """``path`` on the public site, from ``WAGTAILADMIN_BASE_URL`` (an address that is already
    absolute is kept as it is)."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
