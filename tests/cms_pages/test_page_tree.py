"""Which page type may be created where."""

from django.apps import apps
from wagtail.models import Page, get_page_models
from wagtail.test.utils import WagtailPageTestCase

from cms_pages.models import (
    EnjeuIndexPage,
    EnjeuPage,
    EventIndexPage,
    EventPage,
    HomePage,
    StandardPage,
    TerritoryIndexPage,
    TerritoryPage,
)


class PageTreeTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_root(self):
        self.assertCanCreateAt(Page, HomePage)

    def test_home_page_holds_the_indexes_and_standard_pages(self):
        # The home page names none: each page type says where it lives, the plugins' indexes
        # included (the initiatives' one when the plugin is on).
        expected = {TerritoryIndexPage, EnjeuIndexPage, EventIndexPage, StandardPage}
        if apps.is_installed("initiatives"):
            expected.add(apps.get_model("initiatives", "InitiativeIndexPage"))
        creatable = {m for m in HomePage.allowed_subpage_models() if m.is_creatable}
        self.assertEqual(creatable, expected)

    def test_every_page_type_says_where_it_lives(self):
        # With the home page open to any subpage type, a page type that named no parent could
        # be created anywhere.
        for model in get_page_models():
            if model.is_creatable:
                with self.subTest(model=model.__name__):
                    self.assertTrue(model.parent_page_types, model)

    def test_territories_live_under_the_territory_index_only(self):
        self.assertAllowedParentPageTypes(TerritoryPage, {TerritoryIndexPage})
        self.assertAllowedSubpageTypes(TerritoryPage, set())

    def test_enjeux_live_under_the_enjeu_index_only(self):
        self.assertAllowedParentPageTypes(EnjeuPage, {EnjeuIndexPage})
        self.assertAllowedSubpageTypes(EnjeuPage, set())

    def test_events_live_under_the_event_index_only(self):
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertAllowedSubpageTypes(EventPage, set())

    def test_indexes_live_under_the_home_page(self):
        for index in (TerritoryIndexPage, EnjeuIndexPage, EventIndexPage):
            self.assertAllowedParentPageTypes(index, {HomePage})

    def test_standard_pages_nest(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertCanCreateAt(StandardPage, StandardPage)

    def test_a_territory_cannot_be_created_under_the_home_page(self):
        self.assertCanNotCreateAt(HomePage, TerritoryPage)

    def test_only_one_home_page_and_one_index_of_each_kind(self):
        for model in (HomePage, TerritoryIndexPage, EnjeuIndexPage, EventIndexPage):
            self.assertEqual(model.max_count, 1)
