"""The public page of an initiative: what it shows, and which links for whom."""

import pytest
import wagtail_factories
from django.test import RequestFactory

from cms_pages.models import Commune
from initiatives.public import initiative_relations
from tests import factories
from tests.initiatives import planisphere_helpers as h

pytestmark = pytest.mark.django_db


def build_world():
    """The planisphère's world (planisphere_helpers.world), its Belfort initiative ``velo``
    filled in (see ``velo``), built once for the module."""
    world = h.world()
    page = world.initiatives["velo"]
    territory = world.territories["belfort"]
    page.commune = Commune.objects.create(territory=territory, name="Giromagny", insee_code="90052")
    page.description = (
        "<h2>Le projet</h2><p>Apprendre <b>ensemble</b>.</p><script>alert(1)</script>"
    )
    page.needs = [("need", "Un local"), ("need", "Des vélos")]
    page.tags.add("vélo", "Atelier")
    page.inspired_by.set(
        [
            factories.ContributionFactory(territory=territory, title="Pas de piste cyclable"),
            factories.ContributionFactory(
                territory=territory, title=f"{h.LEAK} masquée", status="hidden"
            ),
        ]
    )
    page.save_revision().publish()
    page.refresh_from_db()
    page.porteur = factories.MembershipFactory(initiative=page).user
    return world


@pytest.fixture
def velo(world):
    """The Belfort initiative, with everything filled in, and a porteur."""
    return world.initiatives["velo"]


def html_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_the_initiative(client, velo):
    html = html_of(client, velo)
    assert "<h1>Vélo-école de Belfort</h1>" in html
    assert 'data-maturity="idee"' in html
    assert 'data-economic-purpose="non_lucratif"' in html
    assert 'data-organisation-mode="association"' in html
    assert '<a href="/territoires/belfort-test/">Belfort test</a>' in html
    assert '<a href="/enjeux/mob/">Mobilité test</a>' in html
    assert "<dd data-commune>Giromagny</dd>" in html
    assert '<li class="tag">Atelier</li>' in html and '<li class="tag">vélo</li>' in html
    assert "<li>Un local</li>" in html and "<li>Des vélos</li>" in html


def test_the_description_is_shown_cleaned(client, velo):
    html = html_of(client, velo)
    assert "<h2>Le projet</h2><p>Apprendre <b>ensemble</b>.</p>" in html
    assert "alert(1)" not in html


def test_only_published_contributions_are_shown_as_its_origin(client, velo):
    html = html_of(client, velo)
    assert "Pas de piste cyclable" in html
    assert h.LEAK not in html


def test_a_draft_enjeu_or_territory_is_not_named(client, world, velo):
    world.enjeux["mobilite"].unpublish()
    world.territories["belfort"].unpublish()
    html = html_of(client, velo)
    assert "Mobilité test" not in html and "Belfort test" not in html


def test_the_image_comes_through_the_guarded_view_with_its_text(client, velo):
    velo.image = wagtail_factories.ImageFactory(title="Des enfants à vélo")
    velo.save_revision().publish()
    html = html_of(client, velo)
    assert (
        f'<img src="/initiatives/{velo.pk}/image/?taille=grande" alt="Des enfants à vélo">' in html
    )
    assert "/media/" not in html


def test_a_point_gives_a_small_map(client, world, velo):
    assert f'data-map-source="/initiatives/{velo.pk}/carte.geojson"' in html_of(client, velo)
    assert "data-map-source" not in html_of(client, world.initiatives["jardin"])


def test_a_visitor_is_invited_to_log_in_and_sees_no_member_link(client, velo):
    html = html_of(client, velo)
    assert "data-login-link" in html
    for marker in (
        "data-edit-link",
        "data-history-link",
        "data-status-link",
        "data-contact-link",
        "data-report-link",
    ):
        assert marker not in html


def test_a_citizen_may_contact_and_report_but_not_edit(client, velo):
    client.force_login(factories.UserFactory())
    html = html_of(client, velo)
    assert f'href="/initiatives/{velo.pk}/contacter/"' in html
    assert f'href="/initiatives/{velo.pk}/signaler/"' in html
    for marker in ("data-edit-link", "data-history-link", "data-status-link"):
        assert marker not in html


def test_a_member_gets_the_edit_history_and_status_links(client, velo):
    client.force_login(velo.porteur)
    html = html_of(client, velo)
    assert f'href="/initiatives/{velo.pk}/modifier/"' in html
    assert f'href="/initiatives/{velo.pk}/historique/"' in html
    assert f'href="/initiatives/{velo.pk}/statut/"' in html
    assert "data-report-link" not in html


def test_the_members_are_shown_by_name_never_by_address(client, velo):
    html = html_of(client, velo)
    assert velo.porteur.public_name in html
    assert velo.porteur.email not in html


def test_the_page_shows_its_live_version_while_a_change_waits(client, world):
    rechecked = world.initiatives["rechecked"]
    html = html_of(client, rechecked)
    assert "Ressourcerie publiée" in html
    assert h.LEAK not in html


def test_the_breadcrumb_leads_to_the_planisphere(client, velo):
    assert '<p class="breadcrumb"><a href="/initiatives/">' in html_of(client, velo)


def test_a_revision_in_memory_shows_its_own_relations(world, velo):
    """A preview of a draft shows the draft's territories and enjeux (live ones only)."""
    draft = velo.get_latest_revision_as_object()
    draft.territories.set([world.territories["montbeliard"]])
    draft.enjeux.set([world.enjeux["energie"], world.enjeux["mobilite"]])
    request = RequestFactory().get("/")
    relations = initiative_relations(request, draft)
    assert [t.pk for t in relations["territories"]] == [world.territories["montbeliard"].pk]
    assert {e.pk for e in relations["enjeux"]} == {
        world.enjeux["energie"].pk,
        world.enjeux["mobilite"].pk,
    }


def test_the_preview_of_a_page_not_saved_yet_renders(world, admin_user):
    """Editors preview a new initiative in the admin before it has an id."""
    page = factories.InitiativePageFactory.build(title="Nouvelle", slug="nouvelle-idee")
    page.territories.set([world.territories["belfort"]])
    request = RequestFactory().get("/")
    request.user = admin_user
    context = page.get_context(request)
    assert [t.pk for t in context["territories"]] == [world.territories["belfort"].pk]
    assert context["members"] == []


def test_a_shared_link_shows_the_title_summary_and_image(client, velo):
    velo.image = wagtail_factories.ImageFactory(title="Des enfants à vélo")
    velo.summary = 'Apprendre le vélo <b>"ensemble"</b> & en sécurité.'
    velo.save_revision().publish()
    html = html_of(client, velo)
    assert '<meta property="og:title" content="Vélo-école de Belfort">' in html
    summary = "Apprendre le vélo &lt;b&gt;&quot;ensemble&quot;&lt;/b&gt; &amp; en sécurité."
    assert f'<meta name="description" content="{summary}">' in html
    assert f'<meta property="og:description" content="{summary}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:url" content="http://testserver{velo.url}">' in html
    image = f"http://testserver/initiatives/{velo.pk}/image/?taille=grande"
    assert f'<meta property="og:image" content="{image}">' in html
    assert "<b>" not in html.split("</head>")[0]
