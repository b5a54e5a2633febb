"""Per-account rate limits (new contributions, new initiatives, contact messages).

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


class AccountRateLimit:
    """At most ``limit`` actions per account in a window, ``(limit, window seconds)`` being
    read from the setting ``setting_name`` at each call (tests change it)."""

    def __init__(self, key_prefix, setting_name):
        self.key_prefix = key_prefix
        self.setting_name = setting_name

    def _key(self, user, now):
        limit, window = getattr(settings, self.setting_name)
        moment = time.time() if now is None else now
        return limit, window, f"{self.key_prefix}:{user.pk}:{int(moment // window)}"

    def take(self, user, now=None):
        """Count one action for ``user``; return False if it goes over the limit.

        Call it only once the form is valid, so that a form sent back with errors costs
        nothing."""
        limit, window, key = self._key(user, now)
        # add() is a no-op when the key exists, so concurrent first posts do not reset it.
        cache.add(key, 0, timeout=window)
        try:
            count = cache.incr(key)
        except ValueError:
            # The key expired between add() and incr(): this action opens a new window.
            cache.add(key, 1, timeout=window)
            count = 1
        return count <= limit

    def exhausted(self, user, now=None):
        """True if ``user`` has no action left in the current window (shown before posting)."""
        limit, _window, key = self._key(user, now)
        return (cache.get(key) or 0) >= limit


contributions = AccountRateLimit("contribution-rate", "CONTRIBUTIONS_RATE_LIMIT")
initiative_creations = AccountRateLimit(
    "initiative-creation-rate", "INITIATIVE_CREATION_RATE_LIMIT"
)
initiative_contacts = AccountRateLimit("initiative-contact-rate", "INITIATIVE_CONTACT_RATE_LIMIT")
comments = AccountRateLimit("comment-rate", "COMMENTS_RATE_LIMIT")
