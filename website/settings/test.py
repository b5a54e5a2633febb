"""Test settings: fast hashing, plain static storage, inline tasks, no tile server."""

from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403
from .base import CACHES, DATA_DIR, DATABASES, REDIS_URL, env

SECRET_KEY = "test-only-key"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if not REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES["default"]["KEY_PREFIX"] = env("CACHE_KEY_PREFIX", default="aac-test")
    # The tests empty the cache around each test, and clearing a Redis cache empties its
    # whole database: each pytest-xdist worker (gw0, gw1…) gets a database of its own.
    _worker = env("PYTEST_XDIST_WORKER", default="")
    if _worker:
        _location = urlsplit(REDIS_URL)
        _database = int(_location.path.strip("/") or 0) + int(_worker.removeprefix("gw"))
        CACHES["default"]["LOCATION"] = urlunsplit(_location._replace(path=f"/{_database}"))
# The page cache in each test process's memory, emptied around every test (tests/conftest.py);
# one clock, so no skew to allow for.
CACHES["pages"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"}
PAGE_CACHE_CLOCK_SKEW = 0
MAP_TILES_URL = ""
GEO_WIDGET_LEAFLET_TILE_LAYER = ""
WAGTAILADMIN_BASE_URL = "http://testserver"
# Static files come straight from the finders: nothing to collect before a test run.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not SQLite's shared in-memory database: the browser tests' live server answers
    # several requests at once, and one in-memory connection shared by its threads cannot
    # hold two transactions (each thread gets its own connection to a file).
    # TEST_DB_NAME lets two test runs share a checkout, each on its own file.
    DATABASES["default"]["TEST"] = {
        "NAME": env("TEST_DB_NAME", default=str(DATA_DIR / "test_db.sqlite3"))
    }
# The tests search the database unless a test chooses an engine (tests/search/conftest.py),
# even where ELASTICSEARCH_URL names a server (make test-es).
SEARCH_ENGINE = "database"
# Look static files up when asked, instead of listing every file of every finder each time a
# test client loads the middleware (a tenth of a second per client, thousands of clients).
WHITENOISE_AUTOREFRESH = True
