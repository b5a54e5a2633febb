"""Per-account rate limits (new contributions, comments, initiatives, messages, edits…) and
the detection of a form sent twice.

Keyed by account, never by IP address: thirty people posting from one town-hall network (one
public address) each keep their own allowance.

A limit counts, in the database, the rows the account wrote during the last ``window``
seconds (a sliding window), and refuses once there are ``limit`` of them. The count must hold
when the same account sends thirty requests at once: a counter in the cache did not (on the
database cache it was written inside the request's transaction, so every parallel request read
the same count). So :meth:`AccountRateLimit.take` first locks the account's row
(``select_for_update``) in the request's own transaction, then counts: a parallel request of the
same account waits on that lock until the first one has committed its row, then counts it
(measured on PostgreSQL: 30 parallel posts, limit 10, store 10; 28 without the lock). It must
therefore be called in the transaction that then writes the row, and the row written
before that transaction ends. No second connection is used: on SQLite it would wait forever for
the request's own write lock; there, the ``IMMEDIATE`` transactions (see the settings) already
run one writer at a time.

The core names no plugin: each plugin builds its own limits (in its ``ratelimit`` module) from
:class:`AccountRateLimit` and a function counting its rows, ``count(user, since)`` (the
contributions of that author created since…). What leaves no row of its own to count (a
message e-mailed, a request to join that can be cancelled, an image sent) is recorded as an
:class:`~accounts.models.AccountAction` by ``take`` itself, optionally per ``scope`` (three
requests a day to join one initiative).

:func:`recent_duplicate` finds the same text sent by the same account within
``DUPLICATE_SUBMIT_SECONDS`` (a double click, a form sent again after a slow answer): the view
then answers as if the first one had just succeeded, and writes nothing.
"""

import re
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.transaction import TransactionManagementError
from django.utils import timezone

from .models import AccountAction

SPACES = re.compile(r"\s+")
# Recorded actions are kept this long: every window must be shorter.
ACTIONS_KEPT = timedelta(days=30)


def lock_account(user):
    """Lock ``user``'s row until the current transaction ends; parallel requests of the same
    account wait here. ``no_key``: the lock does not block other tables' rows pointing at the
    account (PostgreSQL's ``FOR NO KEY UPDATE``); SQLite ignores it."""
    if not transaction.get_connection().in_atomic_block:
        raise TransactionManagementError(
            "An account's limit is taken in the transaction that writes what it limits."
        )
    get_user_model().objects.select_for_update(no_key=True).only("pk").get(pk=user.pk)


def _moment(now):
    return timezone.now() if now is None else now


class AccountRateLimit:
    """At most ``limit`` actions per account in ``window`` seconds, ``(limit, window)`` being
    read from the setting ``setting_name`` at each call (tests change it).

    Give either ``count(user, since)``, returning how many rows the account wrote since
    ``since``, or ``action``, a name under which ``take`` records each action it allows as an
    ``AccountAction`` row. With ``per_scope``, only the actions on the same ``scope`` (an
    initiative's id…) count."""

    def __init__(self, setting_name, *, count=None, action="", per_scope=False):
        if bool(count) == bool(action):
            raise ValueError("Give a rate limit either a count function or an action name.")
        self.setting_name = setting_name
        self.count = count
        self.action = action
        self.per_scope = per_scope

    @property
    def rule(self):
        return getattr(settings, self.setting_name)

    def used(self, user, scope="", now=None):
        """How many actions ``user`` did in the window ending ``now``."""
        _limit, window = self.rule
        since = _moment(now) - timedelta(seconds=window)
        if self.count is not None:
            return self.count(user, since)
        actions = AccountAction.objects.filter(user=user, action=self.action, created_at__gt=since)
        if self.per_scope:
            actions = actions.filter(scope=str(scope))
        return actions.count()

    def allows(self, user, scope="", now=None):
        """Lock the account's row, then tell whether one more action fits in the window (and
        record nothing: see ``take``)."""
        lock_account(user)
        limit, _window = self.rule
        return self.used(user, scope, now) < limit

    def record(self, user, scope="", now=None):
        """Record one action (limits given an ``action`` name); the account's records older
        than ``ACTIONS_KEPT`` (longer than any window) go."""
        if self.action:
            moment = _moment(now)
            AccountAction.objects.filter(user=user, created_at__lt=moment - ACTIONS_KEPT).delete()
            AccountAction.objects.create(
                user=user, action=self.action, scope=str(scope), created_at=moment
            )

    def take(self, user, scope="", now=None):
        """Count one action for ``user``; return False, recording nothing, if it goes over the
        limit. Call it only once the form is valid (a form sent back with errors costs
        nothing), inside the transaction that then writes the row counted."""
        if not self.allows(user, scope, now):
            return False
        self.record(user, scope, now)
        return True

    def exhausted(self, user, scope="", now=None):
        """True if ``user`` has no action left in the window (shown before posting)."""
        limit, _window = self.rule
        return self.used(user, scope, now) >= limit


# Forms sent twice.


def normalised(text):
    """The text as compared for duplicates: spaces collapsed, case folded."""
    return SPACES.sub(" ", str(text or "")).strip().casefold()


def duplicate_window_start(now=None):
    return _moment(now) - timedelta(seconds=settings.DUPLICATE_SUBMIT_SECONDS)


def recent_duplicate(user, rows, texts_of, sent):
    """The row of ``rows`` (the account's own rows on the same target written since
    :func:`duplicate_window_start`, newest first) whose texts are ``sent`` (a tuple), or None.

    ``texts_of(row)`` gives a row's texts, compared with those sent once normalised. The
    account's row is locked first, so a double click's second request waits for the first one
    to commit, then finds its row."""
    lock_account(user)
    wanted = tuple(normalised(text) for text in sent)
    return next(
        (row for row in rows if tuple(normalised(text) for text in texts_of(row)) == wanted),
        None,
    )
