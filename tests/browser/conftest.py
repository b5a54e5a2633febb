"""Browser tests: Debian's chromium, driven by Playwright, against pytest-django's live server.

Every page a test opens is watched: a request to any host other than the live server's fails
the test (the platform promises no third-party request; map tiles are off in test settings).
"""

import sqlite3
import time
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import connections
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
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
# still running on the live server when the next test restores its snapshot would interleave.
EDITING_SESSION_PING = "/admin/editing-sessions/"


def session_cookie(live_server, user):
    """The session cookie of a forced login of ``user``, for a browser context; the session
    counts as having given a second factor, which the admin asks of staff
    (accounts/middleware.py; tests/browser/test_admin_2fa.py walks the real way)."""
    from django.conf import settings
    from django.test import Client

    from tests.factories import staff_login

    client = Client()
    staff_login(client, user)
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


@pytest.fixture(scope="package")
def _browser_database(django_db_setup, django_db_blocker):
    """Two snapshots of the test database, taken once for the browser tests: as the browser
    tests found it, and with the demo tree loaded (``site``).

    Each browser test starts from one of them (``_live_server_helper``) instead of loading the
    demo and emptying every table again: SQLite's backup API copies a snapshot back in
    milliseconds. When the browser tests are done, the database is put back as they found it.
    Browser tests therefore run on SQLite only (``browser`` marker, tests/conftest.py): they
    test the browser, and the whole suite runs on PostgreSQL without them.
    """
    from django.db import connection

    with django_db_blocker.unblock():
        connection.ensure_connection()
        found = snapshot(connection.connection)
        call_command("load_demo_content", verbosity=0)
        demo = snapshot(connection.connection)
        yield {"found": found, "demo": demo}
        connection.ensure_connection()
        restore(found, connection.connection)


def snapshot(database):
    """An in-memory copy of an open SQLite database."""
    copy = sqlite3.connect(":memory:", check_same_thread=False)
    database.backup(copy)
    return copy


def restore(snapshot_, database):
    """Copy a snapshot back over an open SQLite database (pages, schema and all)."""
    snapshot_.backup(database)


@pytest.fixture(autouse=True)
def _live_server_helper(request, django_db_blocker):
    """Replaces pytest-django's helper, which makes every live-server test transactional (and
    so empties the database after it): a browser test instead starts from a snapshot, the demo
    tree when it asks for ``site``, the database as found otherwise, and may use the database
    from its own thread and the server's threads until it ends."""
    if "live_server" not in request.fixturenames:
        yield
        return
    from django.db import connection

    snapshots = request.getfixturevalue("_browser_database")
    with django_db_blocker.unblock():
        connection.ensure_connection()
        chosen = "demo" if "site" in request.fixturenames else "found"
        restore(snapshots[chosen], connection.connection)
        yield


@pytest.fixture
def page(browser, live_server):
    """A French-speaking tab on the live server; third-party requests are blocked and fail
    the test."""
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
    # A request still running when the next test restores its snapshot would see the database
    # change under it: let the page settle, then leave it so its scripts start no new request.
    tab.wait_for_load_state("networkidle")
    tab.goto("about:blank")
    context.close()
    if outside:
        pytest.fail("Requests left the machine:\n" + "\n".join(outside))
    if errors:
        pytest.fail("JavaScript errors:\n" + "\n".join(errors))


@pytest.fixture
def site(live_server):
    """The demo tree, served by the live server (restored from its snapshot for each test)."""
    from cms_pages.models import HomePage

    return HomePage.objects.get()


def wait_until(page, expression, timeout=30_000):
    """Wait until ``expression`` (JavaScript) is truthy in ``page``, polling from Python.

    Use it instead of ``page.wait_for_function``: that one evaluates its predicate with
    ``eval`` in the page, which the Content-Security-Policy refuses (no 'unsafe-eval');
    ``page.evaluate`` goes through the browser's debugging protocol, which the policy does
    not govern."""
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise PlaywrightTimeoutError(f"Timeout {timeout} ms waiting for {expression}")
        page.wait_for_timeout(100)
