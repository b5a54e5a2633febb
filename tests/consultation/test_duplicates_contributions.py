"""A contribution sent twice (a double click, a form sent again after a slow answer) is stored
once: the second post lands on the first one, « Déjà envoyé », and costs no allowance."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consultation.models import Contribution
from tests.consultation.contribute_helpers import citizen_world, form_data
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("consultation:new")
TEXT = "Le bus de nuit ne passe plus après 21 heures."


def build_world():
    return citizen_world()


@pytest.fixture
def territory(world):
    return world.territory


@pytest.fixture
def citizen(world, client):
    client.force_login(world.citizen)
    return world.citizen


def post(client, territory, follow=False, **overrides):
    return client.post(URL, form_data(territory, **overrides), follow=follow)


def test_the_same_contribution_posted_twice_is_stored_once(client, territory, citizen):
    first = post(client, territory, text=TEXT)
    second = post(client, territory, text=TEXT)

    stored = Contribution.objects.get(author=citizen)
    assert stored.text == TEXT
    assert first.status_code == second.status_code == 302
    assert second.url == first.url == stored.get_absolute_url()


def test_the_second_post_says_it_was_already_sent(client, territory, citizen):
    post(client, territory, text=TEXT)
    response = post(client, territory, text=TEXT, follow=True)
    assert response.status_code == 200
    assert "Déjà envoyé" in response.text
    assert Contribution.objects.filter(author=citizen).count() == 1


def test_spaces_and_case_do_not_make_another_contribution(client, territory, citizen):
    post(client, territory, text=TEXT)
    post(client, territory, text="  " + TEXT.upper().replace(" ", "  \n"))
    assert Contribution.objects.filter(author=citizen).count() == 1


def test_a_duplicate_costs_no_allowance(client, territory, citizen, settings):
    settings.CONTRIBUTIONS_RATE_LIMIT = (2, 3600)
    post(client, territory, text=TEXT)
    post(client, territory, text=TEXT)
    assert post(client, territory, text="Un autre sujet : les trottoirs.").status_code == 302
    assert Contribution.objects.filter(author=citizen).count() == 2


def test_another_text_or_kind_is_another_contribution(client, territory, citizen):
    post(client, territory, text=TEXT)
    post(client, territory, text=TEXT + " Et le dimanche aussi.")
    post(client, territory, text=TEXT, kind="reve")
    assert Contribution.objects.filter(author=citizen).count() == 3


def test_the_same_text_after_the_window_is_a_new_contribution(client, territory, citizen):
    post(client, territory, text=TEXT)
    Contribution.objects.update(created_at=timezone.now() - timedelta(seconds=121))
    post(client, territory, text=TEXT)
    assert Contribution.objects.filter(author=citizen).count() == 2


def test_another_account_sending_the_same_text_is_stored(client, territory, citizen):
    post(client, territory, text=TEXT)
    client.force_login(UserFactory())
    post(client, territory, text=TEXT)
    assert Contribution.objects.filter(text=TEXT).count() == 2
