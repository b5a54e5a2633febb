"""French alphabetical order everywhere: « Éducation » before « Solidarité », on every database."""

import pytest

from cms_pages.collation import french, french_sort_key
from cms_pages.models import EnjeuPage, TerritoryPage
from consultation import filters as consultation_filters
from consultation.forms import ContributionForm
from initiatives import filters as initiative_filters
from initiatives.forms import InitiativeForm
from tests import factories

TITLES = ["Solidarité", "Éducation", "zèbres", "Économie", "Œuvres", "Eau"]
FRENCH_ORDER = ["Eau", "Économie", "Éducation", "Œuvres", "Solidarité", "zèbres"]


@pytest.fixture
def pages(db):
    home = factories.site_with_home_page()
    enjeux = factories.EnjeuIndexPageFactory(parent=home)
    territories = factories.TerritoryIndexPageFactory(parent=home)
    for title in TITLES:
        factories.EnjeuPageFactory(parent=enjeux, title=title)
        factories.TerritoryPageFactory(parent=territories, title=title)


def test_the_python_sort_key_puts_accented_capitals_among_their_letter():
    assert sorted(TITLES, key=french_sort_key) == FRENCH_ORDER


def test_the_database_orders_in_french(pages):
    assert list(EnjeuPage.objects.order_by(french()).values_list("title", flat=True)) == (
        FRENCH_ORDER
    )


def test_filters_and_forms_list_territories_and_enjeux_in_the_same_french_order(pages, rf):
    request = rf.get("/")
    assert [p.title for p in consultation_filters.live_territories(request)] == FRENCH_ORDER
    assert [p.title for p in consultation_filters.live_enjeux(request)] == FRENCH_ORDER
    assert [p.title for p in initiative_filters.live_territories()] == FRENCH_ORDER
    assert [p.title for p in initiative_filters.live_enjeux()] == FRENCH_ORDER
    contribution_form = ContributionForm()
    assert [title for pk, title in contribution_form.fields["territory"].choices if pk] == (
        FRENCH_ORDER
    )
    initiative_form = InitiativeForm(user=None)
    assert [p.title for p in initiative_form.fields["territories"].queryset] == FRENCH_ORDER
    assert [p.title for p in initiative_form.fields["enjeux"].queryset] == FRENCH_ORDER
    assert [p.title for p in TerritoryPage.objects.order_by(french())] == FRENCH_ORDER
