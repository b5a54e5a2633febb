"""The choice between one e-mail per reply and a daily digest, on the citizen's profile."""

import pytest
from django.urls import reverse

from accounts.forms import ProfileForm

from .core_helpers import client_for
from .core_helpers import world as make_world

pytestmark = pytest.mark.django_db


def build_world():
    return make_world()


def test_the_profile_offers_the_choice_as_radio_buttons(world):
    html = client_for(world.citizen).get(reverse("accounts:profile")).content.decode()
    assert 'name="discussion_emails" value="each"' in html
    assert 'name="discussion_emails" value="daily"' in html
    assert 'type="radio"' in html


def test_a_citizen_chooses_the_daily_digest(world):
    response = client_for(world.citizen).post(
        reverse("accounts:profile"),
        {"display_name": "Camille", "discussion_emails": "daily"},
    )
    assert response.status_code == 302
    world.citizen.refresh_from_db()
    assert world.citizen.discussion_emails == "daily"


def test_an_unknown_choice_is_refused_and_the_old_one_kept(world):
    form = ProfileForm(
        {"display_name": "Camille", "discussion_emails": "hourly"}, instance=world.citizen
    )
    assert not form.is_valid()
    assert "discussion_emails" in form.errors
    world.citizen.refresh_from_db()
    assert world.citizen.discussion_emails == "each"


def test_a_form_without_the_choice_keeps_the_current_one(world):
    world.citizen.discussion_emails = "daily"
    world.citizen.save()
    form = ProfileForm({"display_name": "Camille"}, instance=world.citizen)
    assert form.is_valid(), form.errors
    form.save()
    world.citizen.refresh_from_db()
    assert world.citizen.discussion_emails == "daily"
