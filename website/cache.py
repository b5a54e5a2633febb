"""The Redis cache, with the database cache standing in while Redis cannot be reached.

A Redis outage must not turn pages into 500s, nor lift allauth's rate limits (failed logins,
password resets), which live in the cache. So a call that meets an unreachable Redis
(connection refused, connect or read timeout, kept short in the settings so a dead server costs
a fraction of a second) is answered by the fallback cache, the database cache shared by every
worker, and Redis is left alone for ``retry_after`` seconds: meanwhile every call goes straight
to the database, then the next one tries Redis again. One warning per outage and process, one
line when Redis answers again.

Nothing is copied between the two: what was written during the outage stays in the database
table, and Redis's entries come back as they were before it (a rate-limit count resumes from
Redis's, an entry deleted meanwhile may reappear until it expires). Any other Redis error (a
refused command, a full memory) is a fault of its own and raises.
"""

import logging
from time import monotonic

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)

#: Until when (``monotonic()``) each Redis cache (location and key prefix) is left alone,
#: shared by the threads of a process, which each hold their own cache object.
_resting_until = {}


def _or_fallback(name):
    """``RedisCache``'s method ``name``, answered by the fallback cache while Redis is down."""
    on_redis = getattr(RedisCache, name)

    def method(self, *args, **kwargs):
        if monotonic() >= _resting_until.get(self.resting_key, 0):
            try:
                result = on_redis(self, *args, **kwargs)
            except UNREACHABLE as error:
                self.redis_failed(error)
            else:
                if _resting_until.pop(self.resting_key, None) is not None:
                    logger.info("Redis answers again: the cache is back on Redis.")
                    self.redis_recovered()
                return result
        return getattr(caches[self.fallback], name)(*args, **kwargs)

    method.__name__ = name
    method.__doc__ = on_redis.__doc__
    return method


class RedisCacheWithFallback(RedisCache):
    """``RedisCache`` taking two more ``OPTIONS``: ``fallback``, the alias of the cache that
    answers while Redis is down, and ``retry_after``, the seconds before Redis is tried again.
    The others (``socket_connect_timeout``, ``socket_timeout``…) go to redis-py as usual."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.fallback = options.pop("fallback")
        self.retry_after = options.pop("retry_after", 10)
        super().__init__(server, {**params, "OPTIONS": options})
        self.location = ",".join(self._servers)
        self.resting_key = (self.location, self.key_prefix)

    def redis_failed(self, error):
        was_up = self.resting_key not in _resting_until
        _resting_until[self.resting_key] = monotonic() + self.retry_after
        if was_up:
            logger.warning(
                "Redis cannot be reached (%s): the cache falls back to the database and "
                "tries Redis again every %s s.",
                error,
                self.retry_after,
            )

    def redis_recovered(self):
        """Called once Redis answers again after an outage."""

    add = _or_fallback("add")
    get = _or_fallback("get")
    set = _or_fallback("set")
    touch = _or_fallback("touch")
    delete = _or_fallback("delete")
    get_many = _or_fallback("get_many")
    has_key = _or_fallback("has_key")
    incr = _or_fallback("incr")
    set_many = _or_fallback("set_many")
    delete_many = _or_fallback("delete_many")
    clear = _or_fallback("clear")


class RedisPageCache(RedisCacheWithFallback):
    """The page cache (``cms_pages.page_cache``) on Redis. While Redis was down, versions were
    bumped in the fallback cache only, so the pages Redis still holds may be stale: once
    Redis answers again, the version every page depends on is renewed there."""

    def redis_recovered(self):
        from cms_pages.page_cache import versions  # noqa: PLC0415 - the settings import this module

        versions.renew_everything()
