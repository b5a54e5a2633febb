"""Which cached pages show a révolte or a rêve (``cms_pages.page_cache``).

A contribution is shown on its own page (``contribution:<id>``), on the map, its list, the
GeoJSON and the CSV (``contributions``), and on the pages of its territory, its enjeux and its
event (their ``page:<id>``). A « moi aussi » changes its count in all of them.
"""

from cms_pages.page_cache.versions import page_key

from .models import Contribution, Support

#: The map, its list, the GeoJSON and the open data: every published contribution.
CONTRIBUTIONS = "contributions"


def contribution_key(pk):
    return f"contribution:{pk}"


def cache_keys(instance):
    if isinstance(instance, Support):
        instance = Contribution.objects.filter(pk=instance.contribution_id).first()
    if not isinstance(instance, Contribution):
        return ()
    pages = [instance.territory_id, instance.event_id]
    if instance.pk is not None:
        pages += instance.enjeux.values_list("pk", flat=True)
    return {
        CONTRIBUTIONS,
        contribution_key(instance.pk),
        *(page_key(pk) for pk in pages if pk is not None),
    }
