"""Two members saving from the same revision at the same moment: the page row's lock lets one
save through and refuses the other; no update is lost. On PostgreSQL the lock decides; on
SQLite, which refuses a second writer, the loser is retried, then refused or asked to save
again, never shown an error."""

import time
from functools import partial

import pytest

from initiatives import editing
from tests.initiatives import editing_helpers as helpers
from tests.parallel import run_together

MEMBERS = 2


def save_in_parallel(monkeypatch):
    """Both members post the same base revision at once; returns (page, members, statuses,
    revisions before)."""
    index, territories, _enjeux = helpers.tree()
    page = helpers.initiative(index, territories[:1])
    members = [helpers.member(page, display_name=f"Membre {n}") for n in range(MEMBERS)]
    clients = [helpers.client_for(member) for member in members]
    base = helpers.edit_data(page)
    before = len(helpers.revisions_of(page))
    check = editing.check_not_stale

    def slow_check(*args, **kwargs):
        # Widen the window between the check and the save: without the row lock, both
        # saves would pass the check.
        check(*args, **kwargs)
        time.sleep(0.3)

    monkeypatch.setattr(editing, "check_not_stale", slow_check)
    statuses = {}

    def save(n):
        response = clients[n].post(
            helpers.edit_url(page), {**base, "summary": f"Texte du membre {n}."}
        )
        statuses[n] = response.status_code

    outcomes = run_together(*[partial(save, n) for n in range(MEMBERS)])
    assert outcomes == [None] * MEMBERS
    return page, members, statuses, before


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_saves_from_the_same_revision_save_exactly_one(monkeypatch):
    page, members, statuses, before = save_in_parallel(monkeypatch)

    assert sorted(statuses.values()) == [302, 409]
    winner = next(n for n, status in statuses.items() if status == 302)
    revisions = helpers.revisions_of(page)
    assert len(revisions) == before + 1
    assert revisions[-1].user == members[winner]
    assert helpers.fresh(page).summary == f"Texte du membre {winner}."


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_saves_never_fail_and_never_both_save(monkeypatch):
    page, members, statuses, before = save_in_parallel(monkeypatch)

    assert set(statuses.values()) <= {302, 409}
    winners = [n for n, status in statuses.items() if status == 302]
    assert len(winners) <= 1
    revisions = helpers.revisions_of(page)
    assert len(revisions) == before + len(winners)
    if winners:
        assert revisions[-1].user == members[winners[0]]
