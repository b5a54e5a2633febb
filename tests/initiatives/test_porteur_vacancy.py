"""An initiative whose last porteur deletes their account: it waits in the moderators' queue,
off every public list (planisphère map and list, feed, search, enjeu and territory pages,
sitemap, API listing), its history signed « Ancien participant », until a moderator names a
new porteur among its members. Its page stays readable and says it looks for a porteur;
nobody joins it meanwhile. One still waiting for its first approval may be approved: it goes
live without a porteur, and stays off the lists all the same."""

import json

import pytest
from django.urls import reverse

from accounts.erasure import delete_account
from initiatives import publication
from initiatives.models import InitiativePage, Membership, PorteurVacancy
from moderation.queues import summary
from search import sync
from tests import factories
from tests.initiatives import membership_helpers as members
from tests.initiatives import planisphere_helpers as h
from tests.search import page_helpers as search_page
from tests.search.sources_helpers import committed, key, no_leftover_sync  # noqa: F401

pytestmark = pytest.mark.django_db

PAGE = "/initiatives/"
GEOJSON = "/api/initiatives.geojson"
WITHOUT_PORTEUR_NOTICE = "Cette initiative cherche un nouveau porteur."


def build_world():
    home = factories.site_with_home_page()
    territory_index, enjeu_index = h.indexes(home)
    territory = factories.TerritoryPageFactory(parent=territory_index, slug="belfort-test")
    enjeu = factories.EnjeuPageFactory(parent=enjeu_index, slug="mob")
    places = {"territories": [territory], "enjeux": [enjeu]}
    index = h.index_page(home)
    alone = h.initiative(index, title="Jardin partagé", location=h.point(*h.BELFORT), **places)
    porteur = factories.UserFactory(display_name="Porteuse Partie")
    members.add(alone, porteur, role="porteur")
    member = members.add(alone)
    alone.save_revision(user=porteur)
    carried = h.initiative(index, title="Repair café", location=h.point(*h.MONTBELIARD), **places)
    members.add(carried, role="porteur")
    members.add(carried, porteur, role="porteur")
    sync.refresh(InitiativePage, [alone.pk, carried.pk])  # their search documents
    return {
        "alone": alone,
        "carried": carried,
        "porteur": porteur,
        "member": member,
        "territory": territory,
        "enjeu": enjeu,
    }


def on_planisphere(client):
    page, geojson = client.get(PAGE), client.get(GEOJSON)
    assert page.status_code == 200 and geojson.status_code == 200
    listed, located = h.list_ids(page), h.feature_ids(geojson)
    assert listed == located  # the list and the map agree
    return listed


def listings(client, world):
    """``{list: whether it shows the initiative}`` for each public list, for each of the
    world's initiatives (``"alone"``, ``"carried"``)."""
    bodies = {
        "feed": client.get("/flux/initiatives.atom"),
        "territory page": client.get(world["territory"].url),
        "enjeu page": client.get(world["enjeu"].url),
        "sitemap": client.get("/sitemap.xml"),
    }
    assert all(response.status_code == 200 for response in bodies.values())
    api = client.get("/api/v2/pages/", {"type": "initiatives.InitiativePage"})
    assert api.status_code == 200
    api_ids = {item["id"] for item in json.loads(api.content)["items"]}
    planisphere = on_planisphere(client)
    shown = {}
    for name, word in (("alone", "Jardin"), ("carried", "Repair")):
        page = world[name]
        path = f"/initiatives/{page.slug}/"
        shown[name] = {
            **{list_name: path in r.content.decode() for list_name, r in bodies.items()},
            "planisphère": h.fid(page) in planisphere,
            "search": key(page) in search_page.keys(search_page.get(client, q=word)),
            "API": page.pk in api_ids,
        }
    return shown


def everywhere(shown):
    return set(shown.values()) == {True}


def nowhere(shown):
    return set(shown.values()) == {False}


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


def test_it_leaves_every_public_list_and_comes_back_after_the_takeover(world, client):
    alone, member = world["alone"], world["member"]
    before = listings(client, world)
    assert everywhere(before["alone"]) and everywhere(before["carried"])

    with committed():  # the search documents follow once the deletion commits
        delete_account(world["porteur"])

    during = listings(client, world)
    assert nowhere(during["alone"]), during["alone"]
    assert everywhere(during["carried"])
    # Its own URLs still answer: the page, and the API's page.
    assert client.get(alone.url).status_code == 200
    assert client.get(f"/api/v2/pages/{alone.pk}/").status_code == 200

    client.force_login(members.moderator())
    with committed():
        client.post(members.action_url(alone, member, "promouvoir"))

    assert Membership.objects.get(pk=member.pk).is_porteur
    after = listings(client, world)
    assert everywhere(after["alone"]), after["alone"]


@pytest.mark.parametrize("viewer", ["visitor", "citizen", "member"])
def test_its_page_says_it_looks_for_a_porteur_and_offers_no_join(world, client, viewer):
    delete_account(world["porteur"])
    if viewer == "citizen":
        client.force_login(factories.UserFactory())
    elif viewer == "member":
        client.force_login(world["member"].user)

    page = client.get(world["alone"].url).content.decode()

    assert "data-without-porteur" in page and WITHOUT_PORTEUR_NOTICE in page
    assert 'href="#footer-contact-title"' in page  # the team's contact, in the footer
    assert "data-join" not in page and "data-login-to-join" not in page
    assert reverse("initiatives:join", args=[world["alone"].pk]) not in page
    assert "data-contact-link" not in page  # nobody would read it
    assert "écrire aux porteurs" not in page


def test_a_carried_initiative_shows_no_such_notice(world, client):
    client.force_login(factories.UserFactory())

    page = client.get(world["carried"].url).content.decode()

    assert "data-without-porteur" not in page and "data-join" in page


@pytest.mark.parametrize("policy", ["open", "on_request"])
def test_a_join_request_while_it_waits_changes_nothing(world, client, policy):
    alone = world["alone"]
    InitiativePage.objects.filter(pk=alone.pk).update(membership_policy=policy)
    delete_account(world["porteur"])
    citizen = factories.UserFactory()
    client.force_login(citizen)
    sent_before = len(members.mails())

    response = client.post(
        reverse("initiatives:join", args=[alone.pk]), {"message": "Je veux aider."}
    )

    assert response.status_code == 302 and response.url == alone.url
    assert members.message_codes(response) == ["without_porteur"]
    assert not Membership.objects.filter(initiative=alone, user=citizen).exists()
    assert len(members.mails()) == sent_before
    page = client.get(alone.url).content.decode()
    assert "personne ne peut répondre pour l’instant à une demande" in page


def test_the_join_operation_refuses_it_too(world):
    from initiatives import membership_actions  # noqa: PLC0415 - the domain operation itself

    delete_account(world["porteur"])

    with pytest.raises(membership_actions.MembershipRefused) as refused:
        membership_actions.join(world["alone"], factories.UserFactory())
    assert refused.value.code == "without_porteur"


def test_a_pending_initiative_approved_without_porteur_stays_off_the_lists(world, client):
    """Its only porteur left while it waited for its first approval: the moderators may still
    approve it (its page answers, saying it looks for a porteur), but no list shows it before
    one of its members is named porteur."""
    index = InitiativePage.objects.get(pk=world["alone"].pk).get_parent()
    pending = h.initiative(
        index,
        title="Jardin des possibles",
        live=False,
        location=h.point(*h.BELFORT),
        territories=[world["territory"]],
        enjeux=[world["enjeu"]],
    )
    porteur = factories.UserFactory()
    members.add(pending, porteur, role="porteur")
    member = members.add(pending)
    publication.submit_for_moderation(pending, porteur)
    delete_account(porteur)
    moderator = members.moderator()

    state = publication.open_workflow_state(pending)
    with committed():
        state.current_task_state.task.specific.on_action(
            state.current_task_state, moderator, "approve"
        )

    assert InitiativePage.objects.get(pk=pending.pk).live
    world = {**world, "alone": InitiativePage.objects.get(pk=pending.pk)}
    assert nowhere(listings(client, world)["alone"])
    assert WITHOUT_PORTEUR_NOTICE in client.get(world["alone"].url).content.decode()
    assert queue_count(moderator) == 1

    client.force_login(moderator)
    with committed():
        client.post(members.action_url(pending, member, "promouvoir"))

    assert everywhere(listings(client, world)["alone"])


def test_writing_to_its_porteurs_is_refused_while_it_has_none(world, client):
    """The contact form's own address (not only its hidden link): nobody would read it."""
    delete_account(world["porteur"])
    client.force_login(factories.UserFactory())
    sent_before = len(members.mails())

    response = client.post(
        reverse("initiatives:contact", args=[world["alone"].pk]),
        {"subject": "Bonjour", "message": "Je voudrais vous aider le samedi matin."},
    )

    assert response.status_code == 403
    assert len(members.mails()) == sent_before
