"""Drafts and pending initiatives never show to the public: not on the planisphère, its
GeoJSON, the API, the enjeu, territory and contribution pages, nor in any count. A published
initiative whose change waits for the moderators shows its live version everywhere.

Every unpublished title and summary carries the leak marker (planisphere_helpers.LEAK).
"""

import pytest
from wagtail.models import PageViewRestriction

from tests import factories
from tests.initiatives import planisphere_helpers as h

pytestmark = pytest.mark.django_db

HIDDEN = ("draft", "pending")


def build_world():
    """The planisphère's world (planisphere_helpers.world), built once for the module."""
    return h.world()


@pytest.fixture(params=["visitor", "citizen"])
def viewer(request, client):
    if request.param == "citizen":
        client.force_login(factories.UserFactory())
    return client


def public_paths(world):
    contribution = world.contribution
    return [
        "/initiatives/",
        "/initiatives/?territoire=belfort-test",
        "/initiatives/?enjeu=mob",
        "/api/initiatives.geojson",
        "/api/initiatives.geojson?bbox=6.5,47.3,7.2,47.9&zoom=9",
        "/api/v2/pages/?type=initiatives.InitiativePage&fields=*",
        "/api/v2/pages/?type=initiatives.InitiativePage&search=FUITE",
        "/api/v2/pages/?limit=20",
        "/territoires/belfort-test/",
        "/enjeux/mob/",
        f"/contributions/{contribution.pk}/",
        "/initiatives/ressourcerie/",
    ]


def assert_hidden(body, world):
    assert h.LEAK not in body
    for name in HIDDEN:
        page = world.initiatives[name]
        assert f"/initiatives/{page.slug}/" not in body
        assert f'"id":{page.pk},' not in body.replace(" ", "")
        assert h.fid(page) not in body


def test_unpublished_initiatives_never_appear_on_public_pages(viewer, world):
    for path in public_paths(world):
        response = viewer.get(path)
        assert response.status_code == 200, path
        assert_hidden(response.content.decode(), world)


def test_their_own_urls_are_not_found(viewer, world):
    for name in HIDDEN:
        page = world.initiatives[name]
        assert viewer.get(f"/initiatives/{page.slug}/").status_code == 404
        assert viewer.get(f"/api/v2/pages/{page.pk}/").status_code == 404
        assert viewer.get(f"/initiatives/{page.pk}/carte.geojson").status_code == 404


def test_counts_only_count_published_initiatives(client, world):
    planisphere = client.get("/initiatives/").content.decode()
    assert 'data-initiative-count="4"' in planisphere
    assert '<tr data-territory="belfort-test" data-count="3">' in planisphere
    assert '<tr data-maturity="idee" data-count="2">' in planisphere
    assert 'data-initiative-count="3"' in client.get("/territoires/belfort-test/").content.decode()
    assert 'data-initiative-count="3"' in client.get("/enjeux/mob/").content.decode()
    contribution = client.get(f"/contributions/{world.contribution.pk}/").content.decode()
    assert 'data-inspired-initiatives="2"' in contribution


def test_the_api_lists_published_initiatives_only(client, world):
    items = client.get("/api/v2/pages/?type=initiatives.InitiativePage").json()["items"]
    published = {world.initiatives[n].pk for n in ("velo", "soleil", "jardin", "rechecked")}
    assert {item["id"] for item in items} == published


def test_a_waiting_change_stays_off_every_list(client, world):
    rechecked = world.initiatives["rechecked"]
    for path in (
        "/initiatives/",
        "/territoires/belfort-test/",
        "/enjeux/mob/",
        f"/contributions/{world.contribution.pk}/",
    ):
        assert "Ressourcerie publiée" in client.get(path).content.decode(), path
    geojson = client.get("/api/initiatives.geojson").json()
    names = {f["properties"]["name"] for f in geojson["features"]}
    assert "Ressourcerie publiée" in names
    api = client.get(f"/api/v2/pages/{rechecked.pk}/").json()
    assert api["title"] == "Ressourcerie publiée"
    assert h.LEAK not in str(api)


def test_an_initiative_under_a_view_restriction_is_not_listed(client, world):
    velo = world.initiatives["velo"]
    PageViewRestriction.objects.create(page=velo, restriction_type="login")
    assert h.fid(velo) not in client.get("/initiatives/").content.decode()
    assert h.fid(velo) not in client.get("/api/initiatives.geojson").content.decode()
    assert "Vélo-école" not in client.get("/enjeux/mob/").content.decode()


def test_a_restriction_on_the_planisphere_covers_every_initiative(client, world):
    PageViewRestriction.objects.create(page=world.index, restriction_type="login")
    assert client.get("/api/initiatives.geojson").json()["features"] == []
    assert 'data-initiative-count="0"' in client.get("/enjeux/mob/").content.decode()
    assert client.get("/api/v2/pages/?type=initiatives.InitiativePage").json()["items"] == []


def test_an_unpublished_initiative_leaves_every_list(client, world):
    velo = world.initiatives["velo"]
    velo.unpublish()
    for path in (
        "/initiatives/",
        "/api/initiatives.geojson",
        "/territoires/belfort-test/",
        "/enjeux/mob/",
        f"/contributions/{world.contribution.pk}/",
    ):
        assert "Vélo-école" not in client.get(path).content.decode(), path


def test_members_of_a_draft_do_not_see_it_on_public_lists_either(client, world):
    """Public lists are the same for everyone: a member finds a draft in "Mes initiatives"."""
    draft = world.initiatives["draft"]
    member = factories.MembershipFactory(initiative=draft).user
    client.force_login(member)
    for path in public_paths(world):
        assert_hidden(client.get(path).content.decode(), world)
