"""Lineage on both sides: enjeu and territory pages list their published initiatives, a
contribution page shows the initiatives it inspired."""

import re

import pytest

from initiatives.public import LINEAGE_SIZE
from tests import factories
from tests.initiatives import planisphere_helpers as h

pytestmark = pytest.mark.django_db


def build_world():
    """The planisphère's world (planisphere_helpers.world), built once for the module."""
    return h.world()


def cards(html):
    return re.findall(r'data-initiative-id="(\d+)"', html)


def test_an_enjeu_page_lists_its_initiatives(client, world):
    html = client.get("/enjeux/nrj/").content.decode()
    expected = {str(world.initiatives[n].pk) for n in ("soleil", "jardin")}
    assert set(cards(html)) == expected
    assert 'href="/initiatives/?enjeu=nrj" data-planisphere-link' in html


def test_a_territory_page_lists_its_initiatives(client, world):
    html = client.get("/territoires/montbeliard-test/").content.decode()
    expected = {str(world.initiatives[n].pk) for n in ("soleil", "jardin")}
    assert set(cards(html)) == expected
    assert 'href="/initiatives/?territoire=montbeliard-test" data-planisphere-link' in html


def test_only_the_latest_few_are_listed_and_the_link_gives_the_count(client, world):
    energie = world.enjeux["energie"]
    newest = [
        h.initiative(world.index, title=f"Nouvelle {n}", slug=f"nouvelle-{n}", enjeux=[energie])
        for n in range(LINEAGE_SIZE + 1)
    ]
    html = client.get("/enjeux/nrj/").content.decode()
    assert cards(html) == [str(page.pk) for page in reversed(newest)][:LINEAGE_SIZE]
    assert 'data-initiative-count="9"' in html
    assert "9 initiatives" in html


def test_an_enjeu_without_initiative_says_so_and_invites_to_create_one(client, world):
    _, enjeu_index = h.indexes(world.home)
    factories.EnjeuPageFactory(parent=enjeu_index, slug="vide")
    html = client.get("/enjeux/vide/").content.decode()
    assert 'data-initiative-count="0"' in html
    assert "data-planisphere-link" not in html
    assert 'href="/initiatives/nouvelle/"' in html


def test_a_contribution_page_shows_what_came_of_it(client, world):
    html = client.get(f"/contributions/{world.contribution.pk}/").content.decode()
    assert set(cards(html)) == {str(world.initiatives[n].pk) for n in ("velo", "rechecked")}
    assert "Vélo-école de Belfort" in html


def test_a_citizen_may_start_an_initiative_from_a_contribution(client, world):
    contribution = world.contribution
    link = f'href="/initiatives/nouvelle/?inspiration={contribution.pk}"'
    assert link not in client.get(f"/contributions/{contribution.pk}/").content.decode()
    client.force_login(factories.UserFactory())
    assert link in client.get(f"/contributions/{contribution.pk}/").content.decode()


def test_an_unpublished_contribution_offers_no_initiative(client, world):
    author = factories.UserFactory()
    pending = factories.ContributionFactory(
        territory=world.territories["belfort"], author=author, status="pending"
    )
    client.force_login(author)
    html = client.get(f"/contributions/{pending.pk}/").content.decode()
    assert "data-inspired-initiative-link" not in html
