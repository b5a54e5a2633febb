"""Browser tests: Debian's chromium, driven by Playwright, against pytest-django's live server.

Every page a test opens is watched: a request to any host other than the live server's fails
the test (the platform promises no third-party request; map tiles are off in test settings).
"""

from urllib.parse import urlsplit

import pytest
from django.db import connections
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
NETWORK_SCHEMES = {"http", "https", "ws", "wss"}
# The admin's edit views ping the server every few seconds to show who else is editing; a ping
# still running on the live server when the test database is flushed deadlocks PostgreSQL.
EDITING_SESSION_PING = "/admin/editing-sessions/"


def session_cookie(live_server, user):
    """The session cookie of a forced login of ``user``, for a browser context."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }


def leaves_the_machine(url):
    """True for a network request to a host other than the live server's."""
    parts = urlsplit(url)
    return parts.scheme in NETWORK_SCHEMES and parts.hostname not in LOCAL_HOSTS


@pytest.fixture(scope="package")
def browser():
    """Chromium, launched once for the browser tests.

    Package-scoped rather than session-scoped: while Playwright's sync API runs, it keeps an
    event loop marked as running in this thread, which changes how Django behaves for any
    test that would come after in the session.
    """
    # Django refuses ORM calls from a thread with a running loop unless told to; the test
    # code and the loop never interleave. Set only while the browser runs, so subprocesses
    # started by other tests (``manage.py check --deploy``) do not inherit it.
    # Django also keeps database connections per async context once a loop runs, instead of
    # per thread: the tests would get new connection objects, without the serialized test
    # data that restores Wagtail's root page between transactional tests. Keep the ones the
    # thread already has.
    thread_connections = {alias: connections[alias] for alias in connections}
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        for alias, connection in thread_connections.items():
            connections[alias] = connection
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, django_db_serialized_rollback, live_server):
    """A French-speaking tab on the live server; third-party requests are blocked and fail
    the test.

    Every browser test rolls back by serialization (see ``site``): a transactional test that
    did not would flush with post-migrate signals, recreating content types under new ids on
    PostgreSQL, and the next serialized test could not restore its own.
    """
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport={"width": 1280, "height": 900}
    )
    outside = []

    def guard(route):
        url = route.request.url
        if EDITING_SESSION_PING in url:
            route.abort()
            return
        if leaves_the_machine(url):
            outside.append(url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", guard)
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    # The live server shares the test's in-memory SQLite connection: a request still running
    # when the test's database is reset would interleave its transaction with the reset.
    tab.wait_for_load_state("networkidle")
    # Leave the page before closing: its scripts (the admin's) start no new request while the
    # database is being reset, which on PostgreSQL would deadlock with the reset.
    tab.goto("about:blank")
    context.close()
    if outside:
        pytest.fail("Requests left the machine:\n" + "\n".join(outside))
    if errors:
        pytest.fail("JavaScript errors:\n" + "\n".join(errors))


@pytest.fixture
def site(django_db_serialized_rollback, live_server, demo_content):
    """The demo tree, served by the live server.

    ``live_server`` makes the database transactional (the server thread must see the pages),
    and a transactional test empties every table when it ends, including the rows that
    migrations create (Wagtail's root page, the staff groups): the serialized rollback puts
    them back for the next test.
    """
    return demo_content
