"""The planisphère, its GeoJSON and the initiative page run a bounded number of SQL queries
that does not grow with the number of initiatives (3, then 30)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from initiatives import geo
from tests import factories
from tests.initiatives import planisphere_helpers as h

pytestmark = pytest.mark.django_db

# One bound per page, the same at both data sizes (Wagtail's routing, the site's menu and
# view-restriction checks account for about half of them).
BOUNDS = {
    "/initiatives/": 16,
    "/initiatives/?territoire=belfort-test&enjeu=mob&maturite=idee&page=1": 16,
    "/api/initiatives.geojson": 6,
    "/api/initiatives.geojson?bbox=6.5,47.3,7.2,47.9&zoom=9&territoire=belfort-test": 8,
    # The initiative and enjeu pages also list their latest discussions (one query each); the
    # enjeu page also counts its révoltes and rêves per territory; a signed-in reader of the
    # initiative's discussions costs one more (are they a moderator? held threads).
    "/initiatives/velo-ecole/": 19,
    "/enjeux/mob/": 16,
    "/territoires/belfort-test/": 16,
    "contribution": 10,
}
# A signed-in porteur costs the session and the user, their membership and permissions.
SIGNED_IN_EXTRA = 4


def build_world():
    """The planisphère's small world (3 published initiatives), built once for the module;
    each test grows it in its own savepoint."""
    return h.world()


def grow(world, count):
    """``count`` more published initiatives, each with a point, relations, tags, members."""
    territories = list(world.territories.values())
    enjeux = list(world.enjeux.values())
    for n in range(count):
        page = h.initiative(
            world.index,
            title=f"Initiative {n}",
            slug=f"initiative-croissance-{n}",
            territories=territories,
            enjeux=enjeux,
            inspired_by=[world.contribution],
            location=h.point(47.6 + n / 1000, 6.86),
        )
        page.tags.add(f"mot{n}", "commun")
        page.save_revision().publish()
        factories.MembershipFactory(initiative=page)
        factories.MembershipFactory(initiative=page, role="membre")
    velo = world.initiatives["velo"]
    for n in range(count):
        factories.MembershipFactory(initiative=velo, role="membre")
        velo.inspired_by.add(factories.ContributionFactory(territory=territories[0]))
        velo.tags.add(f"étiquette{n}")
    velo.save_revision().publish()


def path_of(world, path):
    return f"/contributions/{world.contribution.pk}/" if path == "contribution" else path


def count_queries(client, path):
    client.get(path)  # warm per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


def test_query_count_is_bounded_at_two_data_sizes(world):
    """Every page measured with 3 initiatives, then with 30, by a visitor and by a signed-in
    porteur: same count at both sizes, within its bound (the two share one world and one
    growth: building them is what takes time). A failure names each (who, page) cell."""
    porteur = Client()
    porteur.force_login(factories.MembershipFactory(initiative=world.initiatives["velo"]).user)
    clients = {"visitor": Client(), "porteur": porteur}
    extra = {"visitor": 0, "porteur": SIGNED_IN_EXTRA}
    cells = [(who, key) for who in clients for key in BOUNDS]
    small = {(who, key): count_queries(clients[who], path_of(world, key)) for who, key in cells}
    grow(world, 27)
    large = {(who, key): count_queries(clients[who], path_of(world, key)) for who, key in cells}
    over = {
        (who, key): (small[who, key], large[who, key], BOUNDS[key] + extra[who])
        for who, key in cells
        if max(small[who, key], large[who, key]) > BOUNDS[key] + extra[who]
        or small[who, key] != large[who, key]
    }
    assert not over, "(who, page): (3 initiatives, 30 initiatives, bound): " + repr(over)


def test_server_clusters_cost_a_bounded_number_of_queries(client, world, monkeypatch):
    grow(world, 27)
    monkeypatch.setattr(geo, "CLUSTER_ABOVE", 5)
    path = "/api/initiatives.geojson?bbox=6.5,47.3,7.2,47.9&zoom=9"
    assert count_queries(client, path) <= 8
    kinds = {f["properties"]["kind"] for f in client.get(path).json()["features"]}
    assert "cluster" in kinds
