"""The database out of reach, for real: while it cannot be reached every request answers the
static French 503 page (no traceback, the error logged), and the first request once it is back
answers 200, without restarting anything.

Requests go through Django's WSGI handler as gunicorn calls it: its request_started and
request_finished signals close broken or too old connections, which the test client skips.
"""

import logging
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import OperationalError, connection

from tests import factories
from theme.views import RETRY_AFTER

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


# A URL the page cache has not stored: rendering it needs the database.
NOT_STORED = "rendu=1"


def get(path="/", query=""):
    """``(status, headers, text)`` of a GET through the WSGI handler."""
    environ = {"PATH_INFO": path, "QUERY_STRING": query}
    setup_testing_defaults(environ)
    started = {}

    def start_response(status, headers, exc_info=None):
        started.update(status=int(status.split()[0]), headers=dict(headers))

    result = WSGIHandler()(environ, start_response)
    try:
        text = b"".join(result).decode()
    finally:
        result.close()
    return started["status"], started["headers"], text


def assert_unavailable(response, caplog):
    status, headers, text = response
    assert status == 503
    assert headers["Retry-After"] == str(RETRY_AFTER)
    assert '<html lang="fr">' in text
    assert "Le site est momentanément indisponible" in text
    assert "Revenez dans quelques minutes" in text
    for leak in ("Traceback", "OperationalError", "connection", "sqlite", "postgres"):
        assert leak not in text
    logged = [r for r in caplog.records if r.name == "django.request"]
    assert [r.levelname for r in logged] == ["ERROR"]
    assert isinstance(logged[0].exc_info[1], OperationalError)


@pytest.mark.sqlite
def test_a_sqlite_file_out_of_reach_answers_503_then_the_site_recovers(tmp_path, caplog):
    factories.site_with_home_page()
    assert get()[0] == 200
    name = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = str(tmp_path / "disque-absent" / "db.sqlite3")
    try:
        with caplog.at_level(logging.ERROR, logger="django.request"):
            response = get(query=NOT_STORED)
            stored = get()
    finally:
        connection.settings_dict["NAME"] = name
    assert_unavailable(response, caplog)
    assert stored[0] == 200  # what the page cache holds still answers
    assert get(query=NOT_STORED)[0] == 200


def run_on_server(sql, params=None):
    """``sql`` on the PostgreSQL server's maintenance database, outside the site's own."""
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.postgres
def test_postgresql_out_of_reach_answers_503_then_the_site_recovers(caplog):
    """A database of its own, copied from the test database: its connections are cut and
    refused (``ALLOW_CONNECTIONS false``), then allowed again. The site keeps its connection
    between requests (CONN_MAX_AGE) and checks it before use (CONN_HEALTH_CHECKS)."""
    settings_dict = connection.settings_dict
    assert settings_dict["CONN_MAX_AGE"] > 0 and settings_dict["CONN_HEALTH_CHECKS"]
    name = settings_dict["NAME"]
    cut_off = f"{name}_coupee"
    connection.close()  # a template database takes no other connection while copied
    run_on_server(f'DROP DATABASE IF EXISTS "{cut_off}" WITH (FORCE)')
    run_on_server(f'CREATE DATABASE "{cut_off}" TEMPLATE "{name}"')
    settings_dict["NAME"] = cut_off
    try:
        factories.site_with_home_page()
        assert get()[0] == 200
        kept = connection.connection.info.backend_pid

        run_on_server(f'ALTER DATABASE "{cut_off}" ALLOW_CONNECTIONS false')
        run_on_server(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
            [cut_off],
        )
        with caplog.at_level(logging.ERROR, logger="django.request"):
            response = get(query=NOT_STORED)
            stored = get()
        assert_unavailable(response, caplog)
        assert stored[0] == 200  # what the page cache holds still answers

        run_on_server(f'ALTER DATABASE "{cut_off}" ALLOW_CONNECTIONS true')
        assert get(query=NOT_STORED)[0] == 200
        assert connection.connection.info.backend_pid != kept
    finally:
        connection.close()
        settings_dict["NAME"] = name
        run_on_server(f'DROP DATABASE IF EXISTS "{cut_off}" WITH (FORCE)')
