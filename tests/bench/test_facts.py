"""What the bench reads in process (bench/facts.py): a session that signs its citizen in for
the signed-in runs, and the SQL queries of one request signed out and signed in."""

import pytest
from django.test import Client
from django.urls import reverse

from bench import facts
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def cookie():
    factories.site_with_home_page()
    return facts.signed_in_session(factories.UserFactory(username=facts.CITIZEN))


def test_the_session_cookie_signs_the_citizen_in(cookie):
    name, _equals, key = cookie.partition("=")
    client = Client()
    client.cookies[name] = key
    page = client.get("/").content.decode()
    assert f'action="{reverse("account_logout")}"' in page
    assert f'action="{reverse("account_logout")}"' not in Client().get("/").content.decode()


def test_queries_are_counted_signed_out_and_signed_in(cookie):
    counts = facts.queries(["/"], cookie)
    assert set(counts["/"]) == {"signed out", "signed in"}
    # The signed-in page reads the session and its citizen at least.
    assert counts["/"]["signed in"] > counts["/"]["signed out"] >= 0
