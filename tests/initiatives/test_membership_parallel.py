"""Two porteurs acting at the same moment: the initiative still keeps one porteur
(PostgreSQL, where ``select_for_update`` really locks)."""

import pytest

from initiatives import membership_actions as actions
from initiatives.models import InitiativePage, Membership
from tests.initiatives import membership_helpers as helpers
from tests.parallel import run_together


def two_porteurs():
    page = helpers.initiative(helpers.index_page())
    second = helpers.add(page, role="porteur")
    first = Membership.objects.get(initiative=page, role="porteur", user=helpers.porteur_of(page))
    return page, first, second


def fresh(page):
    return InitiativePage.objects.get(pk=page.pk)


def refusal_codes(outcomes):
    assert all(o is None or isinstance(o, actions.MembershipRefused) for o in outcomes), outcomes
    return sorted(o.code for o in outcomes if o is not None)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_porteurs_leaving_at_once_leave_one_porteur():
    page, first, second = two_porteurs()

    outcomes = run_together(
        lambda: actions.leave(fresh(page), first.user),
        lambda: actions.leave(fresh(page), second.user),
    )

    assert refusal_codes(outcomes) == ["last_porteur"]
    assert Membership.objects.porteurs().filter(initiative=page).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_porteurs_removing_each_other_at_once_leave_one_porteur():
    page, first, second = two_porteurs()

    outcomes = run_together(
        lambda: actions.remove(fresh(page), second.pk, first.user),
        lambda: actions.remove(fresh(page), first.pk, second.user),
    )

    assert len(refusal_codes(outcomes)) == 1
    assert Membership.objects.porteurs().filter(initiative=page).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_porteurs_stepping_down_at_once_leave_one_porteur():
    page, first, second = two_porteurs()

    outcomes = run_together(
        lambda: actions.step_down(fresh(page), first.pk, first.user),
        lambda: actions.step_down(fresh(page), second.pk, second.user),
    )

    assert refusal_codes(outcomes) == ["last_porteur"]
    assert Membership.objects.porteurs().filter(initiative=page).count() == 1
