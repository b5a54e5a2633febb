"""The planisphère without any initiative (its own module: the others share a built world,
tests/initiatives/test_planisphere_page.py)."""

import pytest

from tests.initiatives import planisphere_helpers as h

pytestmark = pytest.mark.django_db

PAGE = "/initiatives/"


def test_an_empty_planisphere_says_so(client, home_page):
    h.index_page(home_page)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert 'data-initiative-count="0"' in response.content.decode()
    assert client.get("/api/initiatives.geojson").json()["features"] == []
