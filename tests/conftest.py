"""Shared fixtures; tests that need a server this machine lacks are deselected."""

import pytest
from django.conf import settings
from django.core.management import call_command

from tests import factories


def pytest_collection_modifyitems(config, items):
    """Deselect the tests whose server is absent: ``postgres`` (``sqlite``) ones unless the
    database is PostgreSQL (SQLite), ``elasticsearch`` ones unless ELASTICSEARCH_URL names a
    server."""
    absent = []
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine != "django.db.backends.postgresql":
        absent.append("postgres")
    if engine != "django.db.backends.sqlite3":
        absent.append("sqlite")
    if not settings.ELASTICSEARCH_URL:
        absent.append("elasticsearch")
    deselected = [item for item in items if any(item.get_closest_marker(m) for m in absent)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if item not in deselected]


@pytest.fixture(autouse=True)
def _mail_through_outbox(settings):
    """pytest-django swaps in the locmem backend; keep the project's outbox in front of it."""
    settings.EMAIL_BACKEND = "outbox.backends.OutboxBackend"
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def _demo_content_for_module(django_db_setup, django_db_blocker):
    """The demo tree built once for a module, in a transaction rolled back after it."""
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo_content", verbosity=0)
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


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
