"""The admin's map widget loads Leaflet from our own static files, never a CDN."""

import pytest

from tests.factories import TerritoryIndexPageFactory, TerritoryPageFactory

pytestmark = pytest.mark.django_db


def test_territory_edit_page_loads_leaflet_locally(admin_client, home_page):
    territory = TerritoryPageFactory(parent=TerritoryIndexPageFactory(parent=home_page))
    html = admin_client.get(f"/admin/pages/{territory.pk}/edit/").content.decode()
    assert "/static/vendor/leaflet/leaflet.js" in html
    assert "unpkg.com" not in html
    assert 'data-controller="leaflet-field"' in html
