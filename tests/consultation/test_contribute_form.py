"""The online form: who may post, what is stored, and every bad input refused."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from consultation.models import Contribution
from tests import factories
from tests.consultation.contribute_helpers import (
    INSIDE_SQUARE,
    error_codes,
    form_data,
    make_territories,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("consultation:new")


def build_world():
    home = factories.site_with_home_page()
    return SimpleNamespace(home=home, territories=make_territories(home), citizen=UserFactory())


@pytest.fixture
def home_page(world):
    return world.home


@pytest.fixture
def territories(world):
    return world.territories


@pytest.fixture
def citizen(client, world):
    client.force_login(world.citizen)
    return world.citizen


def test_visitor_is_sent_to_login_with_next(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={URL}"


def test_visitor_post_stores_nothing(client, territories):
    client.post(URL, form_data(territories.square))
    assert not Contribution.objects.exists()


def test_form_offers_live_territories_only(client, citizen, territories):
    response = client.get(URL)
    offered = {str(value) for value, _label in response.context["form"]["territory"].field.choices}
    assert str(territories.square.pk) in offered
    assert str(territories.draft.pk) not in offered


def test_form_groups_communes_by_territory(client, citizen, territories):
    response = client.get(URL)
    assert b'<optgroup label="Carr\xc3\xa9">' in response.content


def test_form_preselects_the_territory_named_in_the_query(client, citizen, territories):
    response = client.get(URL, {"territoire": "ouvert"})
    assert response.context["form"]["territory"].value() == territories.open.pk


def test_form_preselects_the_citizens_home_territory(client, citizen, territories):
    citizen.home_territory = territories.open
    citizen.save()
    response = client.get(URL)
    assert response.context["form"]["territory"].value() == territories.open.pk


def test_reve_with_a_point_is_stored_pending_with_its_author_and_exact_point(
    client, citizen, territories
):
    lat, lng = INSIDE_SQUARE
    client.post(
        URL,
        form_data(territories.square, kind="reve", latitude=str(lat), longitude=str(lng)),
    )
    contribution = Contribution.objects.get()
    assert (contribution.kind, contribution.status, contribution.author) == (
        "reve",
        "pending",
        citizen,
    )
    assert (contribution.latitude, contribution.longitude) == INSIDE_SQUARE


def test_online_contribution_records_its_source(client, citizen, territories):
    client.post(URL, form_data(territories.square))
    assert Contribution.objects.get().source == "online"


def test_valid_post_redirects_to_the_contribution_page(client, citizen, territories):
    response = client.post(URL, form_data(territories.square))
    assert response.url == Contribution.objects.get().get_absolute_url()


def test_author_sees_the_pending_contribution_after_posting(client, citizen, territories):
    response = client.post(URL, form_data(territories.square), follow=True)
    assert response.status_code == 200
    assert Contribution.objects.get().text.encode() in response.content


def test_post_moderation_setting_publishes_at_once(client, citizen, territories, settings):
    settings.CONTRIBUTIONS_PREMODERATION = False
    client.post(URL, form_data(territories.square))
    assert Contribution.objects.get().status == "published"


def test_commune_of_the_chosen_territory_is_stored(client, citizen, territories):
    client.post(URL, form_data(territories.square, commune=str(territories.square_commune.pk)))
    assert Contribution.objects.get().commune == territories.square_commune


def test_point_in_the_centre_box_of_a_territory_without_boundary_is_accepted(
    client, citizen, territories
):
    client.post(URL, form_data(territories.open, latitude="47.6", longitude="7.2"))
    assert Contribution.objects.get().latitude == 47.6


def test_tags_are_stored_lower_case_trimmed_and_once(client, citizen, territories):
    client.post(URL, form_data(territories.square, tags=" Bus, #Nuit ,bus,, Sécurité  routière"))
    tags = sorted(Contribution.objects.get().tags.names())
    assert tags == ["bus", "nuit", "sécurité routière"]


def test_text_is_stored_stripped(client, citizen, territories):
    client.post(URL, form_data(territories.square, text="   Assez des bouchons !   "))
    assert Contribution.objects.get().text == "Assez des bouchons !"


def test_line_breaks_count_as_one_character_as_in_the_browser(client, citizen, territories):
    text = "Une ligne.\r\n" * 181 + "Fin."  # 2176 characters as sent, 1995 as typed
    client.post(URL, form_data(territories.square, text=text))
    assert len(Contribution.objects.get().text) == 1995


def _over(n):
    return "x" * n


BAD_INPUTS = {
    "empty text": ({"text": ""}, "text", "required"),
    "blank text": ({"text": "     \n  "}, "text", "required"),
    "text too short": ({"text": "Trop court"[:9]}, "text", "min_length"),
    "text of 2001 characters": ({"text": _over(2001)}, "text", "max_length"),
    "title of 121 characters": ({"title": _over(121)}, "title", "max_length"),
    "no kind": ({"kind": ""}, "kind", "required"),
    "unknown kind": ({"kind": "colere"}, "kind", "invalid_choice"),
    "unknown territory": ({"territory": "999999"}, "territory", "invalid_choice"),
    "territory that is not a number": ({"territory": "abc"}, "territory", "invalid_choice"),
    "unknown commune": ({"commune": "999999"}, "commune", "invalid_choice"),
    "latitude without longitude": ({"latitude": "47.65"}, "latitude", "incomplete_point"),
    "longitude without latitude": ({"longitude": "6.85"}, "latitude", "incomplete_point"),
    "latitude NaN": ({"latitude": "NaN", "longitude": "6.85"}, "latitude", "not_finite"),
    "longitude inf": ({"latitude": "47.65", "longitude": "inf"}, "longitude", "not_finite"),
    "latitude -Infinity": (
        {"latitude": "-Infinity", "longitude": "6.85"},
        "latitude",
        "not_finite",
    ),
    "latitude not a number": ({"latitude": "47.6a", "longitude": "6.85"}, "latitude", "invalid"),
    "latitude 95": ({"latitude": "95", "longitude": "6.85"}, "latitude", "out_of_range"),
    "longitude 181": ({"latitude": "47.65", "longitude": "181"}, "longitude", "out_of_range"),
    "huge coordinate string": (
        {"latitude": "4" * 1000, "longitude": "6.85"},
        "latitude",
        "max_length",
    ),
    "swapped coordinates": (
        {"latitude": "6.85", "longitude": "47.65"},
        "latitude",
        "outside_territory",
    ),
    "point in the centre box but outside the boundary": (
        {"latitude": "47.65", "longitude": "6.95"},
        "latitude",
        "outside_territory",
    ),
    "six tags": ({"tags": "a, b, c, d, e, f"}, "tags", "too_many_tags"),
    "tag of 31 characters": ({"tags": "bus, " + _over(31)}, "tags", "tag_too_long"),
    "tags field too long": ({"tags": _over(201)}, "tags", "max_length"),
}


@pytest.mark.parametrize(("overrides", "field", "code"), BAD_INPUTS.values(), ids=list(BAD_INPUTS))
def test_bad_input_is_refused_with_a_form_error_and_nothing_stored(
    client, citizen, territories, overrides, field, code
):
    response = client.post(URL, form_data(territories.square, **overrides))
    assert response.status_code == 400
    assert code in error_codes(response, field)
    assert not Contribution.objects.exists()


def test_unpublished_territory_is_refused(client, citizen, territories):
    response = client.post(URL, form_data(territories.draft))
    assert error_codes(response, "territory") == ["invalid_choice"]
    assert not Contribution.objects.exists()


def test_commune_of_another_territory_is_refused(client, citizen, territories):
    response = client.post(
        URL, form_data(territories.square, commune=str(territories.open_commune.pk))
    )
    assert error_codes(response, "commune") == ["commune_outside_territory"]
    assert not Contribution.objects.exists()


def test_point_outside_the_centre_box_of_a_territory_without_boundary_is_refused(
    client, citizen, territories
):
    response = client.post(URL, form_data(territories.open, latitude="47.5", longitude="7.3"))
    assert error_codes(response, "latitude") == ["outside_territory"]
    assert not Contribution.objects.exists()


def test_point_in_a_territory_without_boundary_or_centre_is_refused(client, citizen, territories):
    response = client.post(URL, form_data(territories.unplaced, latitude="47.65", longitude="6.85"))
    assert error_codes(response, "latitude") == ["territory_without_area"]
    assert not Contribution.objects.exists()


def test_territory_without_boundary_or_centre_accepts_a_contribution_without_point(
    client, citizen, territories
):
    client.post(URL, form_data(territories.unplaced))
    assert Contribution.objects.get().territory_id == territories.unplaced.pk


def test_form_with_errors_keeps_what_was_typed(client, citizen, territories):
    response = client.post(URL, form_data(territories.square, text="Mon rêve", tags="bus"))
    assert response.context["form"]["text"].value() == "Mon rêve"


def test_a_refused_form_comes_back_with_a_focusable_error_summary_linking_the_fields(
    client, citizen, territories
):
    response = client.post(URL, form_data(territories.square, text=""))
    assert response.status_code == 400
    html = response.content.decode()
    summary = html[
        html.index("data-error-summary") - 200 : html.index(
            "</ul>", html.index("data-error-summary")
        )
    ]
    assert 'tabindex="-1"' in summary
    assert "autofocus" in summary
    assert 'href="#id_text"' in summary
