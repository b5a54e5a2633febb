"""Shared fixtures; tests that need a server this machine lacks are deselected."""

import copy

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from tests import database, factories
from tests.network import closed_port
from tests.worlds import rolled_back


def pytest_collection_modifyitems(config, items):
    """Deselect the tests whose server is absent: ``postgres`` (``sqlite``) ones unless the
    database is PostgreSQL (SQLite), ``elasticsearch`` ones unless ELASTICSEARCH_URL names a
    server, ``redis`` ones unless REDIS_URL does. ``browser`` tests run on SQLite only: they
    test the browser, not the database, and start each from a snapshot taken with SQLite's
    backup API (tests/browser/conftest.py)."""
    absent = []
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine != "django.db.backends.postgresql":
        absent.append("postgres")
    if engine != "django.db.backends.sqlite3":
        absent.extend(["sqlite", "browser"])
    if not settings.ELASTICSEARCH_URL:
        absent.append("elasticsearch")
    if not settings.REDIS_URL:
        absent.append("redis")
    for item in items:
        if is_transactional(item):
            item.add_marker("transactional")
    deselected = [item for item in items if any(item.get_closest_marker(m) for m in absent)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if item not in deselected]


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """pytest-xdist deals whole modules (``--dist loadscope``), the largest first, so a module
    world is built once; the browser tests go together to one worker, which loads the demo
    snapshot and starts chromium once (tests/browser/conftest.py)."""
    from xdist.scheduler import LoadScopeScheduling

    class ModulesAndBrowser(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            module = nodeid.split("::", 1)[0]
            return "tests/browser/" if module.startswith("tests/browser/") else module

    return ModulesAndBrowser(config, log)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test has emptied every table, put back the rows the migrations
    made (Wagtail's root page and locale, the staff groups…) at once: whole modules go to each
    worker, so the tests that follow on it may be of any kind, not only transactional ones."""
    result = yield
    # The last test of a session has nothing to restore: its teardown has dropped the database.
    if item.get_closest_marker("transactional") and nextitem is not None:
        from django.db import connection
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
    return result


def is_transactional(item):
    """True for a test that commits (``django_db(transaction=True)``, ``transactional_db``):
    ``make test-fast`` leaves them out with ``-m "not transactional"``."""
    marker = item.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        return True
    return "transactional_db" in getattr(item, "fixturenames", ())


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker, django_db_modify_db_settings):
    """This process's test database: a copy of the migrated template (tests/database.py)."""
    from django.db import connection

    with django_db_blocker.unblock():
        tear_down = database.set_up(connection)
    yield
    with django_db_blocker.unblock():
        tear_down()


# pytest-django swaps in the locmem backend; the project's outbox stays in front of it.
MAIL_THROUGH_OUTBOX = {
    "EMAIL_BACKEND": "outbox.backends.OutboxBackend",
    "OUTBOX_DELIVERY_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
}


@pytest.fixture(autouse=True)
def _mail_through_outbox(settings):
    for name, value in MAIL_THROUGH_OUTBOX.items():
        setattr(settings, name, value)


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache, caches

    pages = caches["pages"]
    cache.clear()
    pages.clear()
    yield
    cache.clear()
    pages.clear()


@pytest.fixture(scope="module")
def _demo_content_for_module(django_db_setup, django_db_blocker):
    """The demo tree built once for a module, in a transaction rolled back after it."""
    with rolled_back(django_db_blocker):
        call_command("load_demo_content", verbosity=0)
        yield


@pytest.fixture(scope="module")
def _module_world(request, django_db_setup, django_db_blocker):
    """What the module's ``build_world()`` returns, built once for the module (tests/worlds.py)."""
    with rolled_back(django_db_blocker), override_settings(**MAIL_THROUGH_OUTBOX):
        yield request.module.build_world()


@pytest.fixture
def world(_module_world, db):
    """The module's world as ``build_world()`` left it: the database in the test's own
    savepoint, the objects a deep copy (asked after the module's data, so the savepoint
    opens inside the module's transaction)."""
    return copy.deepcopy(_module_world)


@pytest.fixture
def shared_demo(_demo_content_for_module, db):
    """The demo tree shared by a module's tests (building it takes seconds); each test runs
    in its own savepoint, so what one changes is gone for the next."""
    from cms_pages.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def demo_content(db):
    """The demo page tree that ``make run`` serves."""
    call_command("load_demo_content", verbosity=0)
    from cms_pages.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def user(db):
    return factories.UserFactory()


@pytest.fixture
def home_page(db):
    return factories.site_with_home_page()


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's ``admin_client``, whose session also gave a second factor: the admin
    asks one of superusers (accounts/middleware.py)."""
    return factories.staff_login(client, admin_user)


@pytest.fixture
def dead_smtp(settings):
    """The outbox's SMTP transport pointed at a port where nothing listens."""
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port()
    settings.EMAIL_TIMEOUT = 2
