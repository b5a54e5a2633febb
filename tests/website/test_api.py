"""The Wagtail API v2 exposes published, public pages only."""

import pytest

from tests.factories import EnjeuIndexPageFactory, EnjeuPageFactory, site_with_home_page

pytestmark = pytest.mark.django_db


def build_world():
    """A published enjeu and a draft one, built once for the module."""
    index = EnjeuIndexPageFactory(parent=site_with_home_page())
    published = EnjeuPageFactory(parent=index, title="Mobilité", slug="mobilite")
    draft = EnjeuPageFactory(parent=index, title="Brouillon secret", slug="brouillon", live=False)
    return published, draft


@pytest.fixture
def enjeux(world):
    return world


def api_titles(client, **params):
    response = client.get("/api/v2/pages/", {"limit": 50, **params})
    assert response.status_code == 200
    return [item["title"] for item in response.json()["items"]]


def test_api_lists_published_pages(client, enjeux):
    assert "Mobilité" in api_titles(client)


def test_api_never_lists_a_draft(client, enjeux):
    assert "Brouillon secret" not in api_titles(client)
    assert "Brouillon secret" not in api_titles(client, search="Brouillon")


def test_api_detail_of_a_draft_is_not_found(client, enjeux):
    _, draft = enjeux
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404


def test_api_exposes_the_page_type_fields(client, enjeux):
    published, _ = enjeux
    response = client.get(f"/api/v2/pages/{published.pk}/")
    assert response.json()["short_description"] == published.short_description


def test_api_has_no_image_listing(client):
    assert client.get("/api/v2/images/").status_code == 404


def test_unpublished_page_disappears_from_the_api(client, enjeux):
    published, _ = enjeux
    published.unpublish()
    assert "Mobilité" not in api_titles(client)
