"""The database session engine, with each session's account id in a column of its own.

Django's engine stores the signed-in user only inside the encoded session data, so the
sessions of one person (the e-mail address allauth keeps in them, their login) could only be
found by decoding every session of every visitor. This one, Django's documented way of
extending the database engine (``AbstractBaseSession``), indexes the account id: deleting an
account deletes its sessions on every device in one query (``accounts.erasure``).
``SESSION_ENGINE = "accounts.sessions"``; a deployment that chooses a cache engine instead
loses that, and a deleted account's sessions then simply expire (they can no longer sign
anyone in: their user is gone).
"""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models

# Where allauth keeps whose authentications a session records (allauth.account.internal.flows.
# login: private, so tests/accounts/test_account_deletion.py checks it still holds).
AUTHENTICATING_ACCOUNT = "account_authentication_methods_user"


class AccountSession(AbstractBaseSession):
    """A session, with the id of the account signed in to it (None for a visitor)."""

    account_id = models.PositiveBigIntegerField(null=True, db_index=True)

    class Meta:
        db_table = "accounts_session"

    @classmethod
    def get_session_store_class(cls):
        return SessionStore


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls):
        return AccountSession

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        session.account_id = account_of(data)
        return session


def account_of(data):
    """The account a session belongs to: the one signed in, else the one half-way through
    logging in (password given, second factor awaited), whose address allauth already keeps
    in the session with the record of that password."""
    for key in (SESSION_KEY, AUTHENTICATING_ACCOUNT):
        try:
            return int(data.get(key))
        except (TypeError, ValueError):
            continue
    return None
