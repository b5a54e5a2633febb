"""The core of the per-account limits (``accounts.ratelimit``): counted in the database, in
a sliding window, per account and optionally per scope; refused actions write nothing; taken
only inside the transaction that writes; and the comparison of texts sent twice."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.db.transaction import TransactionManagementError
from django.utils import timezone

from accounts.models import AccountAction
from accounts.ratelimit import AccountRateLimit, normalised, recent_duplicate
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ACTION = "test-action"


@pytest.fixture
def limit(settings):
    settings.TEST_ACTION_RATE_LIMIT = (2, 60)
    return AccountRateLimit("TEST_ACTION_RATE_LIMIT", action=ACTION)


def test_a_limit_counts_either_rows_or_recorded_actions():
    with pytest.raises(ValueError):
        AccountRateLimit("TEST_ACTION_RATE_LIMIT")
    with pytest.raises(ValueError):
        AccountRateLimit("TEST_ACTION_RATE_LIMIT", count=lambda user, since: 0, action=ACTION)


def test_actions_are_recorded_up_to_the_limit_and_a_refusal_writes_nothing(user, limit):
    assert [limit.take(user) for _ in range(3)] == [True, True, False]
    assert AccountAction.objects.filter(user=user, action=ACTION).count() == 2
    assert limit.exhausted(user)


def test_each_account_has_its_own_allowance(user, limit):
    limit.take(user)
    limit.take(user)
    neighbour = UserFactory()
    assert limit.take(neighbour)
    assert not limit.exhausted(neighbour)


def test_the_window_slides(user, limit):
    start = timezone.now()
    limit.take(user, now=start)
    limit.take(user, now=start + timedelta(seconds=30))
    assert not limit.take(user, now=start + timedelta(seconds=59))
    # The first action has left the window, not the second.
    assert limit.take(user, now=start + timedelta(seconds=61))
    assert not limit.take(user, now=start + timedelta(seconds=62))


def test_a_scoped_limit_counts_the_same_scope_only(user, settings):
    settings.TEST_ACTION_RATE_LIMIT = (1, 60)
    per_scope = AccountRateLimit("TEST_ACTION_RATE_LIMIT", action=ACTION, per_scope=True)
    assert per_scope.take(user, scope=1)
    assert not per_scope.take(user, scope=1)
    assert per_scope.take(user, scope=2)


def test_a_counted_limit_counts_what_its_function_returns(user, settings):
    settings.TEST_ACTION_RATE_LIMIT = (3, 60)
    seen = []

    def count(account, since):
        seen.append((account, since))
        return 3

    counted = AccountRateLimit("TEST_ACTION_RATE_LIMIT", count=count)
    moment = timezone.now()
    assert not counted.take(user, now=moment)
    assert seen == [(user, moment - timedelta(seconds=60))]
    assert not AccountAction.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_limit_is_taken_only_inside_the_transaction_that_writes(limit):
    user = UserFactory()
    with pytest.raises(TransactionManagementError):
        limit.take(user)
    with transaction.atomic():
        assert limit.take(user)


def test_texts_are_compared_without_spaces_or_case():
    assert normalised("  Le bus\n\nde  NUIT ") == normalised("le bus de nuit")
    assert normalised("Le bus de nuit") != normalised("Le bus de jour")


def test_a_duplicate_is_the_row_with_the_same_texts(user):
    rows = [("Autre", "Texte"), ("Titre", "Le  texte")]
    found = recent_duplicate(user, rows, lambda row: row, ("titre", "le texte"))
    assert found == ("Titre", "Le  texte")
    assert recent_duplicate(user, rows, lambda row: row, ("titre", "un autre texte")) is None


def test_old_records_go_when_the_account_records_a_new_one(user, limit):
    start = timezone.now()
    limit.take(user, now=start - timedelta(days=31))
    limit.take(user, now=start - timedelta(days=29))
    neighbour = UserFactory()
    limit.take(neighbour, now=start - timedelta(days=31))
    limit.take(user, now=start)
    assert AccountAction.objects.filter(user=user).count() == 2
    assert AccountAction.objects.filter(user=neighbour).count() == 1
