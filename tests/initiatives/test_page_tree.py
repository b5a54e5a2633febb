"""Where initiative pages sit in the page tree, and the slugs they may not take."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils import WagtailPageTestCase

from cms_pages.models import HomePage, StandardPage
from initiatives.models import InitiativeIndexPage, InitiativePage
from tests import factories


class InitiativePageTreeTests(WagtailPageTestCase):
    def test_the_planisphere_sits_under_the_home_page_only(self):
        self.assertAllowedParentPageTypes(InitiativeIndexPage, {HomePage})

    def test_the_home_page_accepts_the_planisphere(self):
        self.assertCanCreateAt(HomePage, InitiativeIndexPage)

    def test_there_is_at_most_one_planisphere(self):
        self.assertEqual(InitiativeIndexPage.max_count, 1)

    def test_initiatives_live_under_the_planisphere_only(self):
        self.assertAllowedParentPageTypes(InitiativePage, {InitiativeIndexPage})
        self.assertAllowedSubpageTypes(InitiativeIndexPage, {InitiativePage})

    def test_an_initiative_has_no_subpages(self):
        self.assertAllowedSubpageTypes(InitiativePage, set())

    def test_an_initiative_cannot_be_created_elsewhere(self):
        self.assertCanNotCreateAt(HomePage, InitiativePage)
        self.assertCanNotCreateAt(StandardPage, InitiativePage)


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["nouvelle", "mes-initiatives"])
def test_an_initiative_may_not_take_a_slug_whose_url_is_a_view(home_page, slug):
    """/initiatives/nouvelle/ is the creation form: no initiative may be served there."""
    index = factories.InitiativeIndexPageFactory(parent=home_page)
    page = factories.InitiativePageFactory.build(title="Une initiative", slug=slug)
    with pytest.raises(ValidationError) as error:
        index.add_child(instance=page)
    assert "slug" in error.value.message_dict


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["modifier", "statut"])
def test_a_word_of_the_initiative_urls_is_free_where_it_shadows_nothing(home_page, slug):
    """/initiatives/<id>/modifier/ needs an id: /initiatives/modifier/ is no project view."""
    index = factories.InitiativeIndexPageFactory(parent=home_page)
    page = factories.InitiativePageFactory(parent=index, slug=slug)
    assert page.url == f"/initiatives/{slug}/"


@pytest.mark.django_db
def test_an_ordinary_slug_is_accepted(home_page):
    index = factories.InitiativeIndexPageFactory(parent=home_page)
    page = factories.InitiativePageFactory(parent=index, slug="repair-cafe")
    assert page.url == "/initiatives/repair-cafe/"
