"""Per-account rate limit on new contributions.

Keyed by account, never by IP address: thirty people posting from one town-hall network (one
public address) each keep their own allowance. A fixed window on the shared Django cache
(``cache.add`` then ``cache.incr``) is enough here: the limit is a brake on floods, not an
exact quota, and a window boundary letting through at most twice the limit is acceptable.

``incr`` is atomic on Redis and on the local-memory cache; on the database cache it reads then
writes, so simultaneous posts from one account could slip one or two past the limit.
"""

import time

from django.conf import settings
from django.core.cache import cache

KEY_PREFIX = "contribution-rate"


def _key(user, window, now):
    return f"{KEY_PREFIX}:{user.pk}:{int(now // window)}"


def take(user, now=None):
    """Count one contribution for ``user``; return False if it goes over the limit.

    Call it only once the form is valid, so that a form sent back with errors costs nothing.
    """
    limit, window = settings.CONTRIBUTIONS_RATE_LIMIT
    key = _key(user, window, time.time() if now is None else now)
    # add() is a no-op when the key exists, so concurrent first posts do not reset the count.
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:
        # The key expired between add() and incr(): this post opens a new window.
        cache.add(key, 1, timeout=window)
        count = 1
    return count <= limit


def exhausted(user, now=None):
    """True if ``user`` has no contribution left in the current window (shown before posting)."""
    limit, window = settings.CONTRIBUTIONS_RATE_LIMIT
    key = _key(user, window, time.time() if now is None else now)
    return (cache.get(key) or 0) >= limit
