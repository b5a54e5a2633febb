"""The facilitators' capture page: who may use it, what a capture stores, and the next form."""

from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from consultation.models import Contribution
from tests import factories
from tests.consultation.capture_helpers import make_place, user_in

pytestmark = pytest.mark.django_db

URL = reverse("consultation:capture")


def build_world():
    home = factories.site_with_home_page()
    return SimpleNamespace(
        home=home,
        place=make_place(home),
        facilitator=user_in("Animateurs"),
        roles={
            "citizen": user_in(),
            "Animateurs": user_in("Animateurs"),
            "Modérateurs": user_in("Modérateurs"),
            "superuser": user_in(is_superuser=True),
        },
    )


@pytest.fixture
def home_page(world):
    return world.home


@pytest.fixture
def place(world):
    return world.place


@pytest.fixture
def facilitator(client, world):
    client.force_login(world.facilitator)
    return world.facilitator


def capture_url(event):
    return f"{URL}?evenement={event.pk}"


def row(territory, /, **overrides):
    data = {
        "kind": "revolte",
        "territory": str(territory.pk),
        "commune": "",
        "text": "Il n'y a plus de médecin dans le village.",
        "title": "",
        "tags": "",
        "participant_first_name": "",
        "participant_age_range": "",
        "participant_public": "",
    }
    data.update(overrides)
    return data


def error_codes(response, field):
    form = response.context["form"]
    return [error.code for error in form.errors.as_data().get(field or "__all__", [])]


@pytest.mark.parametrize(
    ("role", "status"),
    [("citizen", 403), ("Animateurs", 200), ("Modérateurs", 200), ("superuser", 200)],
)
def test_capture_page_is_for_facilitators_and_moderators(client, world, place, role, status):
    client.force_login(world.roles[role])
    response = client.get(capture_url(place.belfort_event))
    assert response.status_code == status
    shown = f'data-capture-event="{place.belfort_event.pk}"' in response.content.decode()
    assert shown is (status == 200)


def test_visitor_is_sent_to_login(client, place):
    response = client.get(URL)
    assert response.status_code == 302
    assert urlsplit(response.url).path == reverse("account_login")


def test_citizen_post_stores_nothing(client, world, place):
    client.force_login(world.roles["citizen"])
    client.post(capture_url(place.belfort_event), row(place.belfort))
    assert not Contribution.objects.exists()


def test_without_an_event_the_page_asks_for_one(client, facilitator, place):
    response = client.get(URL)
    templates = [template.name for template in response.templates]
    assert "consultation/capture_event.html" in templates
    assert "consultation/capture.html" not in templates


def test_first_step_offers_live_events_only(client, facilitator, place):
    place.big_event.unpublish()
    response = client.get(URL)
    offered = {value for value, _label in response.context["event_form"]["evenement"].field.choices}
    assert place.belfort_event.pk in {getattr(v, "value", v) for v in offered}
    assert place.big_event.pk not in {getattr(v, "value", v) for v in offered}


@pytest.mark.parametrize("value", ["abc", "999999", "-1", "1e9", "x" * 5000])
def test_a_bad_event_in_the_url_asks_for_the_event_again(client, facilitator, place, value):
    response = client.get(URL, {"evenement": value})
    assert response.status_code == 200
    assert response.context["event_form"].errors


def test_post_without_an_event_stores_nothing(client, facilitator, place):
    client.post(URL, row(place.belfort))
    assert not Contribution.objects.exists()


def test_capture_ties_the_event_and_the_facilitator_and_has_no_author(client, facilitator, place):
    client.post(capture_url(place.belfort_event), row(place.belfort))
    contribution = Contribution.objects.get()
    assert (contribution.source, contribution.event, contribution.facilitator) == (
        "event",
        place.belfort_event,
        facilitator,
    )
    assert contribution.author is None


def test_capture_stores_the_participant_fields(client, facilitator, place):
    client.post(
        capture_url(place.belfort_event),
        row(
            place.belfort,
            participant_first_name="Léa",
            participant_age_range="18_25",
            participant_public="young",
            tags="santé, village",
        ),
    )
    contribution = Contribution.objects.get()
    assert (
        contribution.participant_first_name,
        contribution.participant_age_range,
        contribution.participant_public,
    ) == ("Léa", "18_25", "young")
    assert sorted(contribution.tags.names()) == ["santé", "village"]


def test_capture_is_pending_under_premoderation(client, facilitator, place, settings):
    settings.CONTRIBUTIONS_PREMODERATION = True
    client.post(capture_url(place.belfort_event), row(place.belfort))
    assert Contribution.objects.get().status == "pending"


def test_capture_is_published_under_postmoderation(client, facilitator, place, settings):
    settings.CONTRIBUTIONS_PREMODERATION = False
    client.post(capture_url(place.belfort_event), row(place.belfort))
    assert Contribution.objects.get().status == "published"


def test_after_a_save_the_form_comes_back_for_the_same_event_territory_and_kind(
    client, facilitator, place
):
    response = client.post(
        capture_url(place.big_event), row(place.montbeliard, kind="reve"), follow=True
    )
    query = parse_qs(urlsplit(response.redirect_chain[-1][0]).query)
    assert query == {
        "evenement": [str(place.big_event.pk)],
        "territoire": [str(place.montbeliard.pk)],
        "type": ["reve"],
    }
    form = response.context["form"]
    assert (form["territory"].value(), form["kind"].value(), form["text"].value()) == (
        place.montbeliard.pk,
        "reve",
        None,
    )


def test_the_next_form_has_the_cursor_in_the_text(client, facilitator, place):
    response = client.post(capture_url(place.belfort_event), row(place.belfort), follow=True)
    assert response.context["form"].fields["text"].widget.attrs.get("autofocus")


def test_the_territory_defaults_to_the_events_only_territory(client, facilitator, place):
    response = client.get(capture_url(place.belfort_event))
    assert response.context["form"]["territory"].value() == place.belfort.pk


def test_the_territory_has_no_default_when_the_event_has_several(client, facilitator, place):
    response = client.get(capture_url(place.big_event))
    assert not response.context["form"]["territory"].value()


def test_a_territory_that_is_not_the_events_is_refused(client, facilitator, place):
    response = client.post(capture_url(place.belfort_event), row(place.montbeliard))
    assert error_codes(response, "territory") == ["invalid_choice"]
    assert not Contribution.objects.exists()


def test_a_commune_of_another_territory_is_refused(client, facilitator, place):
    response = client.post(
        capture_url(place.big_event),
        row(place.belfort, commune=str(place.montbeliard_commune.pk)),
    )
    assert error_codes(response, "commune") == ["commune_outside_territory"]
    assert not Contribution.objects.exists()


def test_a_commune_of_the_territory_is_stored(client, facilitator, place):
    client.post(
        capture_url(place.belfort_event),
        row(place.belfort, commune=str(place.belfort_commune.pk)),
    )
    assert Contribution.objects.get().commune == place.belfort_commune


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("text", "", "required"),
        ("text", "x" * 2001, "max_length"),
        ("kind", "colere", "invalid_choice"),
        ("territory", "abc", "invalid_choice"),
        ("commune", "999999", "invalid_choice"),
        ("title", "x" * 121, "max_length"),
        ("participant_first_name", "x" * 61, "max_length"),
        ("participant_age_range", "12_15", "invalid_choice"),
        ("participant_public", "alien", "invalid_choice"),
        ("tags", "a, b, c, d, e, f", "too_many_tags"),
        ("text", "nul\x00byte", "null_characters_not_allowed"),
    ],
)
def test_bad_input_is_refused_with_its_code_and_stores_nothing(
    client, facilitator, place, field, value, code
):
    response = client.post(capture_url(place.belfort_event), row(place.belfort, **{field: value}))
    assert response.status_code == 200
    assert code in error_codes(response, field)
    assert not Contribution.objects.exists()


def test_the_cursor_goes_to_the_first_field_in_error(client, facilitator, place):
    response = client.post(capture_url(place.belfort_event), row(place.belfort, text=""))
    assert response.context["form"].fields["text"].widget.attrs.get("autofocus")
    response = client.post(capture_url(place.belfort_event), row(place.belfort, kind=""))
    assert response.context["form"].fields["kind"].widget.attrs.get("autofocus")


def test_the_same_contribution_twice_for_the_event_is_stored_once(client, facilitator, place):
    client.post(capture_url(place.belfort_event), row(place.belfort))
    response = client.post(capture_url(place.belfort_event), row(place.belfort), follow=True)
    assert [str(message) for message in response.context["messages"]][-1] == (
        "Cette contribution est déjà enregistrée pour cet événement (même type, territoire, "
        "texte et prénom)."
    )
    assert Contribution.objects.count() == 1


SLIP = {
    "participant_first_name": "Léa",
    "participant_age_range": "18_25",
    "participant_public": "young",
    "title": "Le médecin",
    "tags": "santé",
}


def per_slip_values(form):
    return {name: form[name].value() for name in [*SLIP, "commune", "text"]}


@pytest.mark.parametrize("outcome", ["saved", "already stored"])
def test_the_next_slip_starts_without_the_previous_person_s_fields(
    client, facilitator, place, outcome
):
    """A slip refused as already stored left its first name and commune in the form: the next
    slip, typed over it, was saved with them."""
    slip = row(place.belfort, commune=str(place.belfort_commune.pk), **SLIP)
    if outcome == "already stored":
        client.post(capture_url(place.belfort_event), slip)
    response = client.post(capture_url(place.belfort_event), slip, follow=True)
    form = response.context["form"]
    assert per_slip_values(form) == dict.fromkeys([*SLIP, "commune", "text"])
    assert (form["territory"].value(), form["kind"].value()) == (place.belfort.pk, "revolte")
    # The next slip, typed in the form as it comes back, is nobody's but its own.
    client.post(
        capture_url(place.belfort_event),
        {
            **row(place.belfort),
            **{k: v or "" for k, v in per_slip_values(form).items()},
            "text": "Un car pour le marché.",
        },
    )
    following = Contribution.objects.get(text="Un car pour le marché.")
    assert (following.participant_first_name, following.commune) == ("", None)


def test_a_slip_refused_for_bad_input_keeps_its_fields_to_be_corrected(client, facilitator, place):
    response = client.post(capture_url(place.belfort_event), row(place.belfort, text="", **SLIP))
    assert response.context["form"]["participant_first_name"].value() == "Léa"
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Il n'y a plus de médecin.", "Il n'y a plus de médecin."),
        (
            "Il n'y a plus de médecin dans le village depuis deux ans, il faut aller à Belfort.",
            "Il n'y a plus de médecin dans le village depuis deux ans…",
        ),
        ("x" * 80, "x" * 59 + "…"),
    ],
)
def test_an_untitled_slip_is_named_by_its_first_words(client, facilitator, place, text, title):
    response = client.post(
        capture_url(place.belfort_event), row(place.belfort, text=text), follow=True
    )
    contribution = Contribution.objects.get()
    assert str(contribution) == title
    assert len(title) <= 60
    assert [str(message) for message in response.context["messages"]] == [
        f"Enregistrée\xa0: «\xa0{title}\xa0» – saisissez la suivante."
    ]


def test_the_same_text_from_another_participant_is_stored(client, facilitator, place):
    client.post(capture_url(place.belfort_event), row(place.belfort))
    client.post(capture_url(place.belfort_event), row(place.belfort, participant_first_name="Léa"))
    assert Contribution.objects.count() == 2


def test_the_page_lists_what_the_facilitator_typed_in_for_the_event(client, facilitator, place):
    for number in range(12):
        client.post(capture_url(place.big_event), row(place.belfort, text=f"Carte {number}"))
    client.post(capture_url(place.belfort_event), row(place.belfort, text="Autre événement"))
    response = client.get(capture_url(place.big_event))
    recent = [c.text for c in response.context["recent"]]
    assert recent == [f"Carte {number}" for number in range(11, 1, -1)]


def test_the_list_shows_each_contributions_status(client, facilitator, place):
    client.post(capture_url(place.belfort_event), row(place.belfort))
    Contribution.objects.update(status="published")
    response = client.get(capture_url(place.belfort_event))
    assert b'data-status="published"' in response.content


def test_the_list_is_the_facilitators_own(client, facilitator, place):
    client.post(capture_url(place.belfort_event), row(place.belfort))
    Contribution.objects.update(facilitator=user_in("Animateurs"))
    response = client.get(capture_url(place.belfort_event))
    assert response.context["recent"] == []


def test_typed_in_text_is_escaped_in_the_list(client, facilitator, place):
    client.post(
        capture_url(place.belfort_event),
        row(place.belfort, text="<script>alert(1)</script>", title="<b>titre</b>"),
    )
    response = client.get(capture_url(place.belfort_event))
    assert b"<script>alert(1)</script>" not in response.content
    assert b"<b>titre</b>" not in response.content
    assert b"&lt;script&gt;" in response.content


def test_capture_form_is_protected_by_csrf(place):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user_in("Animateurs"))
    response = client.post(capture_url(place.belfort_event), row(place.belfort))
    assert response.status_code == 403
    assert not Contribution.objects.exists()
