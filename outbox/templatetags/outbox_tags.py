"""The platform's name and address in e-mails, which render without a request (so without
context processors): both come from the settings, never from the Sites framework's row."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def platform_name():
    """``WAGTAIL_SITE_NAME``: « Aux actes citoyens »."""
    return settings.WAGTAIL_SITE_NAME


@register.simple_tag
def platform_url():
    """The public address of the site (``BASE_URL``), without a trailing slash."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")
