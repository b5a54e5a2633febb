"""Redis down: the cache falls back to the database cache (website/cache.py), so pages, logins
and posts still answer, and allauth's limits still hold, counted in the database."""

import logging
import socket
from time import perf_counter
from types import SimpleNamespace

import pytest
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from redis.connection import Connection
from redis.exceptions import ConnectionError as RedisConnectionError

from consultation.models import Contribution
from search.models import SearchDocument
from tests import factories
from tests.consultation.contribute_helpers import form_data, make_territories
from tests.network import closed_port
from website import cache as fallback_cache
from website.settings import base as base_settings

pytestmark = pytest.mark.django_db

PASSWORD = "motdepasse-solide-42"


def build_world():
    home = factories.site_with_home_page()
    return SimpleNamespace(home=home, territory=make_territories(home).square)


def redis_with_fallback(location, retry_after=60):
    """The production cache settings (website/settings/base.py) with Redis at ``location``."""
    return {
        "default": {
            "BACKEND": "website.cache.RedisCacheWithFallback",
            "LOCATION": location,
            "OPTIONS": {
                "fallback": "database",
                "retry_after": retry_after,
                "socket_connect_timeout": 0.25,
                "socket_timeout": 0.25,
            },
        },
        "database": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cache_entries",
        },
        "pages": {
            "BACKEND": "website.cache.RedisPageCache",
            "LOCATION": location,
            "KEY_PREFIX": "pages",
            "OPTIONS": {
                "fallback": "database-pages",
                "retry_after": retry_after,
                "socket_connect_timeout": 0.25,
                "socket_timeout": 0.25,
            },
        },
        "database-pages": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "page_cache_entries",
        },
    }


@pytest.fixture
def redis_down(db, monkeypatch):
    """Redis at a port where nothing listens, the database cache's table in the test's
    transaction, and no outage remembered from another test."""
    monkeypatch.setattr(fallback_cache, "_resting_until", {})
    with override_settings(CACHES=redis_with_fallback(f"redis://127.0.0.1:{closed_port()}/0")):
        call_command("createcachetable", verbosity=0)
        yield


@pytest.fixture
def connections_to_redis(monkeypatch):
    """Every connection redis-py opens (or tries to)."""
    attempts = []
    connect = Connection.connect

    def counted(self):
        attempts.append(self.port)
        return connect(self)

    monkeypatch.setattr(Connection, "connect", counted)
    return attempts


def stored_in_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM cache_entries")
        return [key for (key,) in cursor.fetchall()]


def test_pages_answer_while_redis_is_down(redis_down, world, client):
    assert client.get("/").status_code == 200
    assert client.get(reverse("account_login")).status_code == 200
    assert client.get(reverse("search:results"), {"q": "bus"}).status_code == 200


def test_the_page_cache_falls_back_to_the_database_while_redis_is_down(redis_down, world, client):
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM page_cache_entries")
        assert cursor.fetchone()[0] > 0


def test_failed_logins_are_still_limited_and_counted_in_the_database(
    redis_down, world, client, connections_to_redis
):
    user = factories.UserFactory()
    for _ in range(5):  # ACCOUNT_RATE_LIMITS: login_failed 5/5m/key
        response = client.post(reverse("account_login"), {"login": user.email, "password": "x"})
        assert response.status_code == 200
    assert connections_to_redis, "Redis was tried"
    assert any(":login_failed:" in key for key in stored_in_database())

    # The right password is refused too until the window has passed.
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_a_contribution_is_posted_limited_and_indexed_while_redis_is_down(
    redis_down, world, client, settings, caplog, django_capture_on_commit_callbacks
):
    """The per-account limit counts rows in the database (accounts/ratelimit.py); the search
    update after the commit reads its catch-up flags in the cache (search/catch_up.py)."""
    settings.CONTRIBUTIONS_PREMODERATION = False  # published at once, so indexed
    settings.CONTRIBUTIONS_RATE_LIMIT = (1, 3600)
    client.force_login(factories.UserFactory())
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(reverse("consultation:new"), form_data(world.territory))
        second = client.post(
            reverse("consultation:new"), form_data(world.territory, text="Un autre texte.")
        )
    assert (first.status_code, second.status_code) == (302, 429)
    contribution = Contribution.objects.get()
    assert SearchDocument.objects.filter(
        key=f"consultation.contribution:{contribution.pk}"
    ).exists()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_redis_is_left_alone_after_a_failure_then_tried_again(
    redis_down, connections_to_redis, monkeypatch, caplog
):
    now = [1000.0]
    monkeypatch.setattr(fallback_cache, "monotonic", lambda: now[0])

    with caplog.at_level(logging.WARNING, logger="website.cache"):
        cache.set("compteur", 1)
        for _ in range(20):
            assert cache.get("compteur") == 1
        assert len(connections_to_redis) == 1
        now[0] += 59
        assert cache.get("compteur") == 1
        assert len(connections_to_redis) == 1
        now[0] += 2
        assert cache.get("compteur") == 1
        assert len(connections_to_redis) == 2

    assert caches["database"].get("compteur") == 1
    warnings = [r for r in caplog.records if r.name == "website.cache"]
    assert len(warnings) == 1
    assert "falls back to the database" in warnings[0].getMessage()


def test_a_silent_redis_costs_its_timeout_once(redis_down):
    """A Redis that accepts connections and never answers (a hung server): the short socket
    timeout of the settings, not redis-py's five seconds, and nothing more while it rests."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        with override_settings(CACHES=redis_with_fallback(f"redis://127.0.0.1:{port}/0")):
            started = perf_counter()
            cache.set("clé", "valeur")
            first = perf_counter() - started
            started = perf_counter()
            for _ in range(10):
                assert cache.get("clé") == "valeur"
            rest = perf_counter() - started
    assert 0.2 < first < 1.5
    assert rest < 0.2


def test_the_database_cache_keeps_the_counts_of_many_addresses(db):
    """Django's database cache drops a third of its entries past 300 by default."""
    with override_settings(CACHES={"default": base_settings._database_cache}):
        call_command("createcachetable", verbosity=0)
        keys = [f"compte-{n}" for n in range(400)]
        for key in keys:
            cache.set(key, 1)
        assert len(cache.get_many(keys)) == len(keys)


@pytest.mark.redis
def test_with_redis_up_the_cache_uses_redis_and_not_the_database(settings, world, client):
    """Against the Redis at REDIS_URL (the PostgreSQL leg): the normal path stays on Redis."""
    assert settings.CACHES["default"]["BACKEND"] == "website.cache.RedisCacheWithFallback"
    call_command("createcachetable", verbosity=0)
    user = factories.UserFactory()
    client.post(reverse("account_login"), {"login": user.email, "password": "x"})

    raw = cache._cache.get_client(write=False)
    assert any(b":login_failed:" in key for key in raw.keys(f"{cache.key_prefix}*"))
    assert not any(":login_failed:" in key for key in stored_in_database())
    assert not fallback_cache._resting_until


@pytest.mark.redis
def test_the_cache_goes_back_to_redis_when_it_answers_again(monkeypatch, caplog):
    """An outage simulated in redis-py's connect (the real Redis at REDIS_URL behind it)."""
    call_command("createcachetable", verbosity=0)
    monkeypatch.setattr(fallback_cache, "_resting_until", {})
    now = [1000.0]
    monkeypatch.setattr(fallback_cache, "monotonic", lambda: now[0])
    cache.set("avant", "dans Redis")
    connect = Connection.connect

    def refused(self):
        raise RedisConnectionError("Connection refused")

    cache._cache.get_client(write=True).connection_pool.disconnect()
    monkeypatch.setattr(Connection, "connect", refused)
    with caplog.at_level(logging.INFO, logger="website.cache"):
        cache.set("pendant", "dans la base")
        assert cache.get("avant") is None  # Redis's entries are not copied over
        monkeypatch.setattr(Connection, "connect", connect)
        now[0] += 61
        assert cache.get("avant") == "dans Redis"
    assert caches["database"].get("pendant") == "dans la base"
    assert cache.get("pendant") is None
    assert [r.levelname for r in caplog.records if r.name == "website.cache"] == [
        "WARNING",
        "INFO",
    ]
