"""Public pages run a bounded number of SQL queries that does not grow with the data."""

import pytest

from cms_pages.models import (
    EnjeuIndexPage,
    EventIndexPage,
    EventPage,
    TerritoryIndexPage,
    TerritoryPage,
)
from tests.factories import EnjeuPageFactory, EventPageFactory, TerritoryPageFactory

pytestmark = pytest.mark.django_db

# One bound per page, the same at both data sizes (Wagtail's routing and view-restriction
# checks account for most of them).
BOUNDS = {
    "/": 18,
    "/territoires/": 16,
    "/territoires/grand-belfort/": 19,
    "/enjeux/": 16,
    "/enjeux/mobilite/": 17,
    "/evenements/": 19,
    "/le-projet/": 15,
    "/api/territoires.geojson": 6,
    "/api/v2/pages/?limit=50": 10,
}


def grow(extra):
    """Add ``extra`` territories, enjeux and events (each event in every territory)."""
    territory_index = TerritoryIndexPage.objects.get()
    enjeu_index = EnjeuIndexPage.objects.get()
    event_index = EventIndexPage.objects.get()
    territories = list(TerritoryPage.objects.all())
    for _ in range(extra):
        territories.append(TerritoryPageFactory(parent=territory_index))
        EnjeuPageFactory(parent=enjeu_index)
        event = EventPageFactory(parent=event_index)
        event.territories.set(territories)
        event.save()
    belfort = TerritoryPage.objects.get(slug="grand-belfort")
    for event in EventPage.objects.all():
        event.territories.add(belfort)


@pytest.mark.parametrize("path", BOUNDS.keys())
def test_query_count_is_bounded_at_two_data_sizes(
    client, shared_demo, django_assert_max_num_queries, path
):
    client.get(path)  # warm per-process caches (content types, site root paths)
    with django_assert_max_num_queries(BOUNDS[path]):
        assert client.get(path).status_code == 200
    grow(15)
    with django_assert_max_num_queries(BOUNDS[path]):
        assert client.get(path).status_code == 200
