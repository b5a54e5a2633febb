"""The anonymous page cache: a visitor without a session gets a stored copy, never someone
else's token or message, never a signed-in page; a change to a page, its place in the tree, a
view restriction or an image shows on the very next anonymous request."""

import pytest
from django.contrib.messages import constants, get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.cache import caches
from django.http import HttpResponse
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from cms_pages.models import EnjeuPage, StandardPage, TerritoryPage
from cms_pages.page_cache import middleware, versions
from tests import factories
from website.cache import RedisPageCache

pytestmark = pytest.mark.django_db

TERRITORY = "/territoires/grand-belfort/"


def cached(response):
    return response.get("X-Page-Cache")


def test_a_second_anonymous_visit_is_answered_from_the_cache_without_a_query(
    client, shared_demo, django_assert_num_queries
):
    first = client.get(TERRITORY)
    assert cached(first) == "miss"
    with django_assert_num_queries(0):
        second = client.get(TERRITORY)
    assert cached(second) == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "Set-Cookie" not in second


def test_a_signed_in_visitor_never_gets_the_stored_copy_nor_leaves_one(client, shared_demo, user):
    client.get(TERRITORY)  # stored for anonymous visitors
    client.force_login(user)
    response = client.get(TERRITORY)
    assert cached(response) is None
    assert user.public_name in response.content.decode()
    client.logout()
    anonymous = client.get(TERRITORY)
    assert cached(anonymous) == "hit"
    assert user.public_name not in anonymous.content.decode()


def test_a_page_holding_a_csrf_token_is_not_stored(client, shared_demo):
    assert 'name="csrfmiddlewaretoken"' in client.get("/comptes/login/").content.decode()
    assert cached(client.get("/comptes/login/")) is None


@pytest.mark.parametrize("path", ["/robots.txt", "/recherche/?q=bus", "/confidentialite/"])
def test_a_view_that_does_not_say_what_it_shows_is_not_stored(client, shared_demo, path):
    """Even when its menus, footer and panels come from fragments that name their keys: the
    search results, for one, depend on every document, which no key stands for."""
    client.get(path)
    assert cached(client.get(path)) is None


def test_languages_are_stored_apart(client, shared_demo):
    french = client.get(TERRITORY)
    client.cookies["django_language"] = "en"
    english = client.get(TERRITORY)
    assert cached(english) == "miss"
    assert '<html lang="en"' in english.content.decode()
    assert '<html lang="fr"' in french.content.decode()
    assert cached(client.get(TERRITORY)) == "hit"


def test_htmx_fragments_and_full_pages_are_stored_apart(client, shared_demo):
    client.get(TERRITORY)
    assert cached(client.get(TERRITORY, headers={"HX-Request": "true"})) == "miss"


def test_a_new_release_renders_anew(client, shared_demo, settings):
    client.get(TERRITORY)
    settings.RELEASE = "next"
    assert cached(client.get(TERRITORY)) == "miss"


def test_a_visitor_with_a_pending_message_is_not_answered_from_the_cache(client, shared_demo):
    client.get(TERRITORY)
    client.cookies["messages"] = "anything"
    assert cached(client.get(TERRITORY)) is None


def test_a_response_that_queued_a_message_is_not_stored(rf, shared_demo):
    request = RequestFactory().get(TERRITORY)
    request.page_cache = versions.Dependencies()
    versions.depends_on(request, "site")
    request.session = {}
    request._messages = FallbackStorage(request)
    request._messages.add(constants.INFO, "Bienvenue")
    assert not middleware.storable(request, HttpResponse("page"))
    list(get_messages(request))  # consumed: nothing pending any more
    request._messages = FallbackStorage(request)
    assert middleware.storable(request, HttpResponse("page"))


def test_a_key_bumped_while_the_page_was_rendered_keeps_it_out_of_the_cache(shared_demo):
    request = RequestFactory().get(TERRITORY)
    request.page_cache = versions.Dependencies()
    versions.depends_on(request, "site")
    versions.bump("page:1")  # a change committed while the page was being rendered…
    versions.depends_on(request, "page:1")  # …before the key was first read
    assert not middleware.storable(request, HttpResponse("page"))


def test_an_evicted_version_key_never_matches_an_older_copy(client, shared_demo):
    client.get(TERRITORY)
    caches["pages"].delete("version:site")
    assert cached(client.get(TERRITORY)) == "miss"


def test_a_published_revision_shows_at_once(client, shared_demo):
    client.get(TERRITORY)
    territory = TerritoryPage.objects.get(url_path__endswith="/grand-belfort/")
    territory.title = "Grand Belfort renommé"
    territory.save_revision().publish()
    response = client.get(TERRITORY)
    assert cached(response) == "miss"
    assert "Grand Belfort renommé" in response.content.decode()


def test_a_territory_renamed_shows_on_every_page_that_names_it(client, shared_demo):
    client.get("/enjeux/mobilite/")
    client.get("/")
    territory = TerritoryPage.objects.get(url_path__endswith="/grand-belfort/")
    territory.title = "Belfort et alentours"
    territory.save_revision().publish()
    assert "Belfort et alentours" in client.get("/").content.decode()


def test_an_unpublished_page_is_gone_at_once(client, shared_demo):
    assert client.get("/enjeux/mobilite/").status_code == 200
    EnjeuPage.objects.get(slug="mobilite").unpublish()
    assert client.get("/enjeux/mobilite/").status_code == 404


def test_a_deleted_page_is_gone_at_once(client, shared_demo):
    assert client.get("/enjeux/mobilite/").status_code == 200
    EnjeuPage.objects.get(slug="mobilite").delete()
    assert client.get("/enjeux/mobilite/").status_code == 404


def test_a_moved_page_leaves_its_old_address_at_once(client, shared_demo):
    enjeu = EnjeuPage.objects.get(slug="mobilite")
    client.get("/enjeux/mobilite/")
    standard = StandardPage.objects.live().first()
    enjeu.move(standard, pos="last-child")
    response = client.get("/enjeux/mobilite/")
    assert response.status_code == 301
    assert response["Location"] == f"{standard.url}mobilite/"


def test_a_view_restriction_applies_at_once(client, shared_demo):
    assert client.get("/enjeux/mobilite/").status_code == 200
    enjeu = EnjeuPage.objects.get(slug="mobilite")
    PageViewRestriction.objects.create(page=enjeu, restriction_type="login")
    response = client.get("/enjeux/mobilite/")
    assert response.status_code == 302
    assert "login/?next=/enjeux/mobilite/" in response["Location"]


def test_a_new_menu_page_shows_in_every_cached_page(client, shared_demo):
    client.get("/")
    page = factories.StandardPageFactory(
        parent=shared_demo,
        title="Nouvelle rubrique",
        slug="rubrique",
        show_in_menus=True,
        live=False,
    )
    page.save_revision().publish()
    assert "Nouvelle rubrique" in client.get("/").content.decode()


def test_the_cache_can_be_switched_off(client, shared_demo, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(TERRITORY)
    assert cached(client.get(TERRITORY)) is None


def test_redis_answering_again_makes_every_stored_page_stale(client, shared_demo):
    client.get(TERRITORY)
    RedisPageCache.redis_recovered(None)
    assert cached(client.get(TERRITORY)) == "miss"
