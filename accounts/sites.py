"""The Sites framework's row follows the settings.

allauth (and django-contrib-comments) name the site through ``django.contrib.sites``, whose
row is created as « example.com » by ``migrate``. Its name and domain are the settings'
(``WAGTAIL_SITE_NAME``, ``BASE_URL``), written after every ``migrate`` by a ``post_migrate``
receiver rather than a data migration, which would freeze the values of the day it ran.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site


def site_values():
    """``(domain, name)`` from the settings: the host (and port) of ``BASE_URL``."""
    domain = urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc or "localhost"
    return domain, settings.WAGTAIL_SITE_NAME


def sync_site(using="default", apps=None, **kwargs):
    """Write the settings' domain and name on the ``SITE_ID`` row (``post_migrate``; ``apps``
    is the migrated state, which lacks the sites app when a partial migrate left it out)."""
    if apps is not None:
        try:
            apps.get_model("sites", "Site")
        except LookupError:
            return None
    domain, name = site_values()
    site, created = Site.objects.using(using).get_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": name}
    )
    if not created and (site.domain, site.name) != (domain, name):
        site.domain, site.name = domain, name
        site.save(using=using, update_fields=["domain", "name"])
    Site.objects.clear_cache()
    return site
