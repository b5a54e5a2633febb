"""/sitemap.xml and the Atom feeds take what each installed plugin registers, and only what
the public may see; a page whose type was switched off answers 404 and leaves the menus."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.syndication.views import Feed
from wagtail import hooks
from wagtail.models import Page

from cms_pages.extension_points import FEEDS, SITEMAP_ITEMS
from cms_pages.feeds import AtomFeed
from forums.posting import start_thread
from tests import factories

pytestmark = pytest.mark.django_db


def build_world():
    home = factories.site_with_home_page()
    territories = factories.TerritoryIndexPageFactory(parent=home)
    territory = factories.TerritoryPageFactory(parent=territories, title="Sud Territoire")
    enjeux = factories.EnjeuIndexPageFactory(parent=home)
    enjeu = factories.EnjeuPageFactory(parent=enjeux, title="Mobilité", slug="mobilite")
    author = factories.UserFactory()
    published = factories.ContributionFactory(
        territory=territory, title="Des bus <le> dimanche", author=author
    )
    pending = factories.ContributionFactory(
        territory=territory, title="En attente", status="pending", author=author
    )
    thread = start_thread(author=author, title="Covoiturage & bus", body="Parlons-en.", page=enjeu)
    draft = factories.StandardPageFactory(parent=home, title="Brouillon", slug="brouillon")
    draft.unpublish()
    return {
        "home": home,
        "enjeu": enjeu,
        "published": published,
        "pending": pending,
        "thread": thread,
    }


def test_the_sitemap_lists_public_pages_contributions_and_threads(client, world):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/enjeux/mobilite/</loc>" in xml
    assert f"/contributions/{world['published'].pk}/</loc>" in xml
    assert world["thread"].get_absolute_url() + "</loc>" in xml


def test_the_sitemap_leaves_out_drafts_and_pending_contributions(client, world):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/brouillon/" not in xml
    assert f"/contributions/{world['pending'].pk}/" not in xml


def test_the_contributions_feed_holds_published_ones_escaped(client, world):
    response = client.get("/flux/contributions.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    xml = response.content.decode()
    assert "Des bus &lt;le&gt; dimanche" in xml
    assert "En attente" not in xml


def test_the_discussions_feed_holds_public_threads(client, world):
    xml = client.get("/flux/discussions.atom").content.decode()
    assert "Covoiturage &amp; bus – Mobilité" in xml


def test_an_unknown_feed_answers_404(client, world):
    assert client.get("/flux/inconnu.atom").status_code == 404


class ExampleFeed(AtomFeed):
    slug = "exemple"
    title = "Exemple"

    def items(self):
        return []


def test_a_plugin_feed_is_served_and_announced_in_the_head(client, world):
    with hooks.register_temporarily(FEEDS, lambda: [ExampleFeed]):
        assert client.get("/flux/exemple.atom").status_code == 200
        html = client.get("/").content.decode()
    assert 'type="application/atom+xml" title="Exemple" href="/flux/exemple.atom"' in html


class ExampleSitemapSection:
    """What Django's sitemap view needs of a section."""

    def get_urls(self, **kwargs):
        return [{"location": "http://localhost/exemple/", "lastmod": None}]

    def get_languages_for_item(self, item):
        return []


def test_a_plugin_sitemap_section_is_added(client, world):
    with hooks.register_temporarily(SITEMAP_ITEMS, lambda: {"exemple": ExampleSitemapSection()}):
        xml = client.get("/sitemap.xml").content.decode()
    assert "http://localhost/exemple/" in xml


def test_every_registered_feed_is_an_atom_feed():
    feeds = [feed for fn in hooks.get_hooks(FEEDS) for feed in fn()]
    assert {feed.slug for feed in feeds} == {"contributions", "initiatives", "discussions"}
    assert all(issubclass(feed, Feed) for feed in feeds)


@pytest.fixture
def page_of_a_missing_type(world):
    """A page left by a plugin switched off: its content type has no model any more."""
    gone = ContentType.objects.create(app_label="bourse", model="listingindexpage")
    page = Page(title="Bourse", slug="bourse", show_in_menus=True, content_type=gone)
    world["home"].add_child(instance=page)
    return page


def test_a_page_whose_type_is_switched_off_answers_404(client, page_of_a_missing_type):
    assert client.get("/bourse/").status_code == 404


def test_a_page_whose_type_is_switched_off_leaves_menus_and_sitemap(
    client, world, page_of_a_missing_type
):
    factories.StandardPageFactory(
        parent=world["home"], title="Le projet", slug="le-projet", show_in_menus=True
    )
    html = client.get("/").content.decode()
    assert 'href="/le-projet/"' in html
    assert 'href="/bourse/"' not in html
    assert "/bourse/" not in client.get("/sitemap.xml").content.decode()


def test_a_feed_narrows_to_one_territory(client, world):
    territory = world["published"].territory
    other = factories.TerritoryPageFactory(parent=territory.get_parent(), title="Autre")
    factories.ContributionFactory(territory=other, title="Ailleurs", author=factories.UserFactory())
    everywhere = client.get("/flux/contributions.atom").content.decode()
    assert "Ailleurs" in everywhere
    response = client.get("/flux/contributions.atom", {"territoire": territory.slug})
    assert response.status_code == 200
    xml = response.content.decode()
    assert "Des bus &lt;le&gt; dimanche" in xml
    assert "Ailleurs" not in xml
    assert f"– {territory.title}</title>" in xml
    assert client.get("/flux/initiatives.atom", {"territoire": other.slug}).status_code == 200


@pytest.mark.parametrize("slug", ["inconnu", "", "x" * 5000, "<script>"])
def test_a_feed_of_an_unknown_territory_answers_404(client, world, slug):
    assert client.get("/flux/contributions.atom", {"territoire": slug}).status_code == 404


def test_robots_txt_allows_the_site_and_points_to_the_sitemap(client, world):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Allow: /" in lines
    for path in ("/admin/", "/comptes/", "/api/", "/recherche/"):
        assert f"Disallow: {path}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_a_territory_page_announces_its_own_feeds(client, world):
    territory = world["published"].territory
    html = client.get(territory.url).content.decode()
    assert f'href="/flux/contributions.atom?territoire={territory.slug}"' in html
    assert f'href="/flux/initiatives.atom?territoire={territory.slug}"' in html
    assert "discussions.atom?territoire" not in html
    assert "?territoire=" not in client.get(world["enjeu"].url).content.decode()
