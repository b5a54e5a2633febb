"""The core's pages in the site search, described as plain data through its hooks
(``cms_pages/search_descriptions.py``): the core imports nothing of the search plugin."""

import pytest
from wagtail import hooks
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from cms_pages import search_descriptions
from cms_pages.extension_points import SEARCH_FACETS, SEARCH_PAGE_DOCUMENTS
from cms_pages.models import EnjeuPage, EventPage, StandardPage, TerritoryPage
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_core_registers_its_descriptions_as_hooks():
    assert search_descriptions.describe_documents in hooks.get_hooks(SEARCH_PAGE_DOCUMENTS)
    assert search_descriptions.describe_facets in hooks.get_hooks(SEARCH_FACETS)


def test_the_four_page_types_are_described():
    described = {d["model"]: d for d in search_descriptions.describe_documents()}

    assert set(described) == {TerritoryPage, EnjeuPage, EventPage, StandardPage}
    assert {kind for d in described.values() for kind in d["kinds"]} == {
        "territory",
        "enjeu",
        "event",
        "page",
    }


def test_an_event_document_is_plain_data_with_its_text_in_parts():
    home = factories.site_with_home_page()
    event = factories.EventPageFactory(parent=factories.EventIndexPageFactory(parent=home))

    document = search_descriptions.event_document(event)

    assert document["kind"] == "event"
    assert document["url"] == event.get_url()
    assert document["text"][0] == event.place
    assert isinstance(document["text"][1], RichText)
    assert document["text"][1].source == event.description


def test_the_facets_offer_only_public_pages():
    home = factories.site_with_home_page()
    territories = factories.TerritoryIndexPageFactory(parent=home)
    enjeux = factories.EnjeuIndexPageFactory(parent=home)
    public = factories.TerritoryPageFactory(parent=territories, title="Grand Belfort")
    restricted = factories.TerritoryPageFactory(parent=territories, title="Sud Territoire")
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="x")
    live = factories.EnjeuPageFactory(parent=enjeux, title="Mobilité")
    factories.EnjeuPageFactory(parent=enjeux, title="Énergie").unpublish()

    facets = {d["name"]: d["pages"] for d in search_descriptions.describe_facets()}

    assert list(facets["territory"]()) == [public]
    assert list(facets["enjeu"]()) == [live]
