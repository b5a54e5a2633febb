"""The moderators' contribution listing, edit and inspect views in the Wagtail admin."""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from consultation.models import Contribution
from tests import factories
from tests.consultation import moderation_helpers as helpers
from tests.factories import ContributionFactory, staff_login

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_consultation_contribution:list"


def url(name, *args):
    return reverse(f"wagtailsnippets_consultation_contribution:{name}", args=args)


def build_world():
    home = factories.site_with_home_page()
    return SimpleNamespace(
        home=home,
        places=helpers.territories(home),
        moderator=helpers.moderator(),
        others=helpers.non_moderators(),
    )


@pytest.fixture
def home_page(world):
    return world.home


@pytest.fixture
def places(world):
    return world.places


@pytest.fixture
def moderator(client, world):
    staff_login(client, world.moderator)
    return world.moderator


def listed(client, **params):
    response = client.get(reverse(LIST), params)
    assert response.status_code == 200
    return {c.pk for c in response.context["object_list"]}


def test_moderators_reach_the_listing(client, moderator, places):
    contribution = ContributionFactory(territory=places[0], text="Texte à modérer seulement")
    response = client.get(reverse(LIST))
    assert response.status_code == 200
    assert [c.pk for c in response.context["object_list"]] == [contribution.pk]
    assert contribution.text in response.content.decode()


@pytest.mark.parametrize("who", ["citizen", "editor", "facilitator"])
def test_other_people_are_refused_the_listing(client, world, who, places):
    contribution = ContributionFactory(territory=places[0], text="Texte à modérer seulement")
    staff_login(client, world.others[who])
    response = client.get(reverse(LIST))
    assert response.status_code in (302, 403)
    assert contribution.text not in response.content.decode()


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(reverse(LIST))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_status_filter_narrows_the_listing(client, moderator, places):
    waiting = helpers.pending(places[0])
    ContributionFactory(territory=places[0])
    assert listed(client, status="pending") == {waiting.pk}


def test_kind_filter_narrows_the_listing(client, moderator, places):
    reve = ContributionFactory(territory=places[0], kind="reve")
    ContributionFactory(territory=places[0], kind="revolte")
    assert listed(client, kind="reve") == {reve.pk}


def test_territory_filter_narrows_the_listing(client, moderator, places):
    south = ContributionFactory(territory=places[1])
    ContributionFactory(territory=places[0])
    assert listed(client, territory=places[1].pk) == {south.pk}


def test_event_filter_narrows_the_listing(client, moderator, places, home_page):
    event = helpers.event(home_page)
    captured = ContributionFactory(territory=places[0], source="event", event=event)
    ContributionFactory(territory=places[0])
    assert listed(client, event=event.pk) == {captured.pk}


def test_date_range_filter_narrows_the_listing(client, moderator, places):
    old = ContributionFactory(territory=places[0])
    recent = ContributionFactory(territory=places[0])
    Contribution.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=60)
    )
    since = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    assert listed(client, created_at_from=since) == {recent.pk}


@pytest.mark.parametrize(
    "params",
    [
        {"status": "bogus"},
        {"territory": "abc"},
        {"event": "999999"},
        {"created_at_from": "31/02/2025"},
        {"kind": "x" * 5000},
        {"q": "\x00" * 10},
    ],
)
def test_malformed_filters_do_not_break_the_listing(client, moderator, places, params):
    contribution = ContributionFactory(territory=places[0])
    assert listed(client, **params) == {contribution.pk}  # the bad filter is left out


def test_reported_filter_keeps_contributions_with_open_reports(client, moderator, places):
    reported = ContributionFactory(territory=places[0])
    helpers.report(reported)
    ContributionFactory(territory=places[0])
    assert listed(client, reported="true") == {reported.pk}


def test_search_finds_words_of_the_text(client, moderator, places):
    bus = ContributionFactory(territory=places[0], text="Le bus de nuit ne passe plus.")
    ContributionFactory(territory=places[0], text="Un jardin partagé.")
    assert listed(client, q="bus de nuit") == {bus.pk}


def test_search_finds_words_of_the_title(client, moderator, places):
    titled = ContributionFactory(territory=places[0], title="Piscine fermée", text="Depuis 2 ans.")
    ContributionFactory(territory=places[0])
    assert listed(client, q="piscine") == {titled.pk}


def test_listing_shows_the_open_report_count(client, moderator, places):
    contribution = ContributionFactory(territory=places[0])
    helpers.report(contribution)
    helpers.report(contribution)
    response = client.get(reverse(LIST))
    [row] = response.context["object_list"]
    assert row.open_reports == 2


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize("listing", [LIST, "wagtailsnippets_moderation_report:list"])
def test_listings_queries_do_not_grow_with_the_data(
    client, moderator, places, size, listing, django_assert_max_num_queries
):
    for n in range(size):
        contribution = ContributionFactory(territory=places[n % 2])
        helpers.report(contribution)
    client.get(reverse(listing))  # caches warm
    with django_assert_max_num_queries(20):
        client.get(reverse(listing))


def test_contributions_cannot_be_created_in_the_admin(client, moderator):
    assert client.get(url("add")).status_code in (302, 403)


def test_not_even_superusers_create_contributions(admin_client):
    assert admin_client.get(url("add")).status_code in (302, 403)


def test_the_edit_view_shows_the_exact_point(client, moderator, places):
    contribution = ContributionFactory(territory=places[0], latitude=47.6512345, longitude=6.86789)
    html = client.get(url("edit", contribution.pk)).content.decode()
    assert "47.6512345" in html
    assert "6.86789" in html


def test_the_inspect_view_shows_the_exact_point(client, moderator, places):
    contribution = ContributionFactory(territory=places[0], latitude=47.6512345, longitude=6.86789)
    html = client.get(url("inspect", contribution.pk)).content.decode()
    assert "47.6512345" in html


def edit(client, contribution, **fields):
    data = {
        "status": contribution.status,
        "moderation_reason": contribution.moderation_reason,
        "tags": "",
        **fields,
    }
    return client.post(url("edit", contribution.pk), data)


def test_the_edit_form_hides_with_a_reason(client, moderator, places):
    contribution = ContributionFactory(territory=places[0])
    text = contribution.text
    edit(client, contribution, status="hidden", moderation_reason="Hors charte.")
    contribution.refresh_from_db()
    assert (contribution.status, contribution.moderation_reason) == ("hidden", "Hors charte.")
    assert (contribution.text, contribution.moderated_by) == (text, moderator)
    assert Contribution.objects.count() == 1


def test_a_status_change_in_the_edit_form_is_a_logged_decision(client, moderator, places):
    contribution = helpers.pending(places[0])
    edit(client, contribution, status="published")
    assert ModelLogEntry.objects.filter(
        object_id=str(contribution.pk), action="consultation.publish", user=moderator
    ).exists()


def test_the_edit_form_refuses_hiding_without_a_reason(client, moderator, places):
    contribution = ContributionFactory(territory=places[0])
    response = edit(client, contribution, status="hidden", moderation_reason="")
    form = response.context["form"]
    assert form.errors.as_data()["moderation_reason"][0].code == "reason_required"
    contribution.refresh_from_db()
    assert contribution.status == "published"


def test_the_edit_form_refuses_going_back_to_pending(client, moderator, places):
    contribution = ContributionFactory(territory=places[0])
    edit(client, contribution, status="pending")
    contribution.refresh_from_db()
    assert contribution.status == "published"


def test_the_edit_form_does_not_change_the_text(client, moderator, places):
    contribution = ContributionFactory(territory=places[0], text="Texte d'origine.")
    edit(client, contribution, text="Texte réécrit par un modérateur.")
    contribution.refresh_from_db()
    assert contribution.text == "Texte d'origine."


def test_the_edit_form_sets_tags_and_enjeux(client, moderator, places, home_page):
    enjeu = helpers.enjeu(home_page)
    contribution = ContributionFactory(territory=places[0])
    edit(client, contribution, tags="transports, soirée", enjeux=[enjeu.pk])
    assert set(contribution.tags.names()) == {"transports", "soirée"}
    assert list(contribution.enjeux.all()) == [enjeu]


def test_the_revolte_et_reves_menu_is_shown_to_moderators(client, moderator):
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(LIST) in html
    assert reverse("wagtailsnippets_moderation_report:list") in html
