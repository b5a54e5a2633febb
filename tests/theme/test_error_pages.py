"""The theme's error pages, with DEBUG off (as in production): French, with the site's
header or a static one, and the 500/503 pages without any query."""

import logging
from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import reverse

from tests import factories
from theme import views

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.theme.error_urls")]


def build_world():
    return factories.site_with_home_page()


@pytest.fixture
def home_page(world):
    return world


@pytest.fixture
def anonymous():
    """A client that answers with the error pages instead of raising the exceptions."""
    return Client(raise_request_exception=False)


def test_debug_is_off(settings):
    assert settings.DEBUG is False


def test_unknown_url_answers_the_theme_404_in_french(anonymous, home_page):
    response = anonymous.get("/cette-page-n-existe-pas/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="fr">' in html
    # Not django-comments-xtd's bare page, whose 404.html came first on the template path.
    assert "django-comments-xtd" not in html
    assert "Cette page n'existe pas" in html
    assert 'class="site-header"' in html and 'class="main-nav"' in html
    assert 'href="/"' in html
    assert f'action="{reverse("search:results")}"' in html


def test_permission_denied_answers_the_theme_403(anonymous, home_page):
    response = anonymous.get("/test-interdit/")
    html = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="fr">' in html
    assert "Vous ne pouvez pas ouvrir cette page" in html
    assert reverse("account_login") in html
    assert 'class="site-header"' in html


def test_bad_request_answers_the_theme_400(anonymous, home_page):
    response = anonymous.get("/test-suspect/")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Cette demande n'a pas pu être comprise" in html
    assert 'class="site-header"' in html


def test_csrf_failure_says_to_reload_the_form_in_french(home_page):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    response = client.post(reverse("account_login"), {"login": "a@example.org"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Votre formulaire n'a pas pu être envoyé" in html
    assert "rechargez la page" in html
    assert 'class="site-header"' in html


def test_server_error_answers_a_static_french_500(anonymous, home_page):
    response = anonymous.get("/test-erreur/")
    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="fr">' in html
    assert "Server Error" not in html
    assert "Un problème est survenu de notre côté" in html
    assert "Aux actes citoyens" in html and 'href="/"' in html


def unreachable(self):
    raise OperationalError("could not connect to server: Connection refused")


def test_the_500_page_renders_without_any_query_with_the_database_unreachable(
    rf, django_assert_num_queries
):
    request = rf.get("/")
    with (
        django_assert_num_queries(0),
        mock.patch.object(BaseDatabaseWrapper, "ensure_connection", unreachable),
    ):
        try:
            raise RuntimeError("a bug")
        except RuntimeError:
            response = views.server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="fr">' in html
    assert "Un problème est survenu de notre côté" in html


@pytest.mark.parametrize("path", ["/test-erreur/", "/", "/cette-page-n-existe-pas/"])
def test_with_the_database_unreachable_every_page_answers_503(anonymous, home_page, path):
    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", unreachable):
        response = anonymous.get(path)
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"]
    assert '<html lang="fr">' in html
    assert "Le site est momentanément indisponible" in html
    assert "Aux actes citoyens" in html


def test_a_database_error_answers_503_logged_and_without_traceback(anonymous, home_page, caplog):
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = anonymous.get("/test-base-indisponible/")
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == str(views.RETRY_AFTER)
    assert "Le site est momentanément indisponible" in html
    assert "Revenez dans quelques minutes" in html
    assert "Traceback" not in html and "could not connect" not in html
    (logged,) = [r for r in caplog.records if r.name == "django.request"]
    assert logged.levelname == "ERROR"
    assert isinstance(logged.exc_info[1], OperationalError)


def test_a_signed_in_visitor_gets_the_503_page_when_the_middleware_meets_the_error(
    anonymous, home_page
):
    """Signed in, the session and the account are read by middleware, before any view."""
    anonymous.force_login(factories.UserFactory())
    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", unreachable):
        response = anonymous.get("/")
    assert response.status_code == 503
    assert "Le site est momentanément indisponible" in response.content.decode()


def test_the_503_page_renders_without_any_query(rf, django_assert_num_queries):
    request = rf.get("/")
    with (
        django_assert_num_queries(0),
        mock.patch.object(BaseDatabaseWrapper, "ensure_connection", unreachable),
    ):
        try:
            raise OperationalError("could not connect to server")
        except OperationalError:
            response = views.server_error(request)
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == str(views.RETRY_AFTER)
    assert "Le site est momentanément indisponible" in html
    assert "could not connect" not in html
