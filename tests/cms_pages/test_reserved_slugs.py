"""Slugs used by the project's own URLs are refused as page slugs."""

import pytest
from django.core.exceptions import ValidationError

from tests import factories
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def build_world():
    """The site's home page, built once for the module."""
    return factories.site_with_home_page()


@pytest.fixture
def home_page(world):
    return world


@pytest.mark.parametrize(
    "slug",
    [
        "comptes",  # accounts, a mounted URLconf
        "api",  # on the way to /api/v2/
        "admin",
        "contributions",  # a view of the consultation plugin
        "recherche",  # the search plugin's URLconf
    ],
)
def test_a_slug_whose_url_is_a_project_url_is_refused(home_page, slug):
    page = StandardPageFactory.build(title="Une page", slug=slug)
    with pytest.raises(ValidationError) as error:
        home_page.add_child(instance=page)
    assert "slug" in error.value.message_dict


@pytest.mark.parametrize("slug", ["nouvelle", "mes-initiatives"])
def test_a_slug_is_refused_deeper_in_the_tree_where_its_url_is_a_view(home_page, slug):
    """/initiatives/nouvelle/ is the initiatives plugin's form: no page may sit there."""
    section = StandardPageFactory(parent=home_page, slug="initiatives")
    with pytest.raises(ValidationError):
        StandardPageFactory(parent=section, slug=slug)


def test_the_same_word_elsewhere_in_the_tree_is_accepted(home_page):
    """Only the URL counts: « nouvelle » under another page shadows nothing."""
    section = StandardPageFactory(parent=home_page, slug="le-projet")
    page = StandardPageFactory(parent=section, slug="nouvelle")
    assert page.pk


def test_a_plugin_switched_off_frees_its_words(home_page, settings):
    """Without the consultation plugin's URLs, « contributions » is an ordinary slug."""
    settings.ROOT_URLCONF = "tests.cms_pages.urls_without_plugins"
    page = StandardPageFactory(parent=home_page, slug="contributions")
    assert page.pk


def test_ordinary_slug_is_accepted(home_page):
    page = StandardPageFactory(parent=home_page, slug="le-projet")
    assert page.pk


def test_admin_form_shows_the_reserved_slug_error(admin_client, home_page):
    response = admin_client.post(
        f"/admin/pages/add/cms_pages/standardpage/{home_page.pk}/",
        {
            "title": "Nouvelle page",
            "slug": "contributions",
            "body-count": "0",
            "action-publish": "1",
        },
    )
    assert response.status_code == 200
    assert "réservé" in response.content.decode() or "reserved" in response.content.decode()


def test_a_slug_made_from_a_title_is_plain_ascii(home_page):
    """Unicode slugs are off (WAGTAIL_ALLOW_UNICODE_SLUGS): a title's accents are dropped."""
    page = StandardPageFactory.build(title="Égalité des chances", slug="")
    home_page.add_child(instance=page)
    assert page.slug == "egalite-des-chances"
