"""An initiative whose last porteur deletes their account: it waits in the moderators' queue,
off the planisphère (map and list alike), its history signed « Ancien participant », until a
moderator names a new porteur among its members."""

import pytest
from django.urls import reverse

from accounts.erasure import delete_account
from initiatives.models import Membership, PorteurVacancy
from moderation.queues import summary
from tests import factories
from tests.initiatives import membership_helpers as members
from tests.initiatives import planisphere_helpers as h

pytestmark = pytest.mark.django_db

PAGE = "/initiatives/"
GEOJSON = "/api/initiatives.geojson"


def build_world():
    home = factories.site_with_home_page()
    index = h.index_page(home)
    alone = h.initiative(index, title="Jardin partagé", location=h.point(*h.BELFORT))
    porteur = factories.UserFactory(display_name="Porteuse Partie")
    members.add(alone, porteur, role="porteur")
    member = members.add(alone)
    alone.save_revision(user=porteur)
    carried = h.initiative(index, title="Repair café", location=h.point(*h.MONTBELIARD))
    members.add(carried, role="porteur")
    members.add(carried, porteur, role="porteur")
    return {"alone": alone, "carried": carried, "porteur": porteur, "member": member}


def on_planisphere(client):
    page, geojson = client.get(PAGE), client.get(GEOJSON)
    assert page.status_code == 200 and geojson.status_code == 200
    listed, located = h.list_ids(page), h.feature_ids(geojson)
    assert listed == located  # the list and the map agree
    return listed


def queue_count(user):
    return next(
        row["count"] for row in summary(user) if row["key"] == "initiatives_without_porteur"
    )


def test_it_leaves_the_map_and_the_list_and_joins_the_queue(world, client):
    alone, carried = world["alone"], world["carried"]
    moderator = members.moderator()
    assert on_planisphere(client) == {h.fid(alone), h.fid(carried)}
    assert queue_count(moderator) == 0

    delete_account(world["porteur"])

    assert on_planisphere(client) == {h.fid(carried)}
    assert queue_count(moderator) == 1
    # Still a public page: only its place on the planisphère waits.
    assert client.get(alone.url).status_code == 200


def test_the_admin_listing_filters_them(world, client):
    delete_account(world["porteur"])
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    factories.staff_login(client, admin)

    response = client.get(reverse("initiative_pages:index"), {"porteur": "none"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Jardin partagé" in page and "Repair café" not in page


def test_its_history_names_a_former_participant(world, client):
    delete_account(world["porteur"])
    client.force_login(world["member"].user)

    response = client.get(reverse("initiatives:history", args=[world["alone"].pk]))

    assert response.status_code == 200
    assert "Ancien participant" in response.content.decode()
    assert "Porteuse Partie" not in response.content.decode()


def test_a_moderator_names_a_new_porteur_and_it_comes_back(world, client):
    alone, member = world["alone"], world["member"]
    delete_account(world["porteur"])
    moderator = members.moderator()
    client.force_login(moderator)

    page = client.get(reverse("initiatives:members", args=[alone.pk]))
    assert 'data-action="promouvoir"' in page.content.decode()
    client.post(members.action_url(alone, member, "promouvoir"))

    assert Membership.objects.get(pk=member.pk).is_porteur
    assert not PorteurVacancy.objects.exists()
    assert h.fid(alone) in on_planisphere(client)
    assert queue_count(moderator) == 0


def test_a_moderator_does_not_manage_an_initiative_that_has_porteurs(world, client):
    carried = world["carried"]
    member = members.add(carried)
    client.force_login(members.moderator())

    response = client.post(members.action_url(carried, member, "promouvoir"))

    assert response.status_code == 403
    assert Membership.objects.get(pk=member.pk).role == "membre"


def test_a_member_cannot_take_it_over_alone(world, client):
    alone, member = world["alone"], world["member"]
    delete_account(world["porteur"])
    client.force_login(member.user)

    response = client.post(members.action_url(alone, member, "promouvoir"))

    assert response.status_code == 403
    assert PorteurVacancy.objects.filter(initiative=alone).exists()


def test_a_moderator_finds_the_members_page_from_the_initiative(world, client):
    delete_account(world["porteur"])
    client.force_login(members.moderator())

    without_porteur = client.get(world["alone"].url).content.decode()
    with_porteurs = client.get(world["carried"].url).content.decode()

    members_url = reverse("initiatives:members", args=[world["alone"].pk])
    assert f'href="{members_url}" data-manage-members' in without_porteur
    assert "data-manage-members" not in with_porteurs
