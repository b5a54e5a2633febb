"""Which cached pages show an initiative (``cms_pages.page_cache``).

An initiative is shown on its own page (``page:<id>``, which its members and its
« sans porteur » state change too), on the planisphère, its GeoJSON and its feeds
(``initiatives``), on the pages of its territories and enjeux (their latest initiatives) and
on the pages of the contributions that inspired it (« ce qu'elle a inspiré »).
"""

from cms_pages.page_cache.versions import page_key
from consultation.page_cache import contribution_key

from .models import InitiativePage, Membership, PorteurVacancy

#: The planisphère, its GeoJSON and feeds: every listed initiative.
INITIATIVES = "initiatives"


def cache_keys(instance):
    if isinstance(instance, (Membership, PorteurVacancy)):
        return {INITIATIVES, page_key(instance.initiative_id)}
    if not isinstance(instance, InitiativePage):
        return ()
    keys = {INITIATIVES, page_key(instance.pk)}
    if instance.pk is not None:
        # The relations saved in the database (a revision's own are saved on publishing).
        saved = InitiativePage.objects.filter(pk=instance.pk)
        keys.update(page_key(pk) for pk in saved.values_list("territories", flat=True) if pk)
        keys.update(page_key(pk) for pk in saved.values_list("enjeux", flat=True) if pk)
        keys.update(
            contribution_key(pk) for pk in saved.values_list("inspired_by", flat=True) if pk
        )
    return keys
