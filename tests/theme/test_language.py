"""The language switch is a GET that sets the language cookie and goes back to a page of this
site, whatever ``next`` says; a language not offered is a 400 in French that sets nothing."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def choose(client, **params):
    return client.get(reverse("set_language"), params)


def test_choosing_english_sets_the_cookie_and_returns_to_the_page(client):
    response = choose(client, language="en", next="/enjeux/mobilite/?page=2")
    assert response.status_code == 302
    assert response["Location"] == "/enjeux/mobilite/?page=2"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "/" + "a" * 3000, ""],
)
def test_a_next_outside_the_site_goes_home(client, target):
    response = choose(client, language="fr", next=target)
    assert response["Location"] == "/"


@pytest.mark.parametrize("language", ["de", "", "en\x00", "x" * 500])
def test_a_language_not_offered_is_refused_in_french(client, language):
    response = choose(client, language=language, next="/")
    assert response.status_code == 400
    assert "Cette langue n’est pas proposée" in response.content.decode()
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_a_post_is_refused(client):
    response = client.post(reverse("set_language"), {"language": "en"})
    assert response.status_code == 405
