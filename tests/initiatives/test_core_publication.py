"""How members' saves reach the public: the Modérateurs' workflow and the re-check fields."""

import pytest
from wagtail.models import WorkflowState

from cms_pages.models import TerritoryPage
from initiatives import publication
from initiatives.models import InitiativePage
from initiatives.publication import Outcome
from tests.factories import InitiativePageFactory, UserFactory
from tests.initiatives import core_helpers as helpers

pytestmark = pytest.mark.django_db


def build_world():
    """The tree (home, territories, enjeux, the initiative index), built once for the module."""
    return helpers.tree()


@pytest.fixture
def index(world):
    return world[0]


def decide(page, action, comment=""):
    state = publication.open_workflow_state(page)
    task_state = state.current_task_state
    kwargs = {"comment": comment} if action == "reject" else {}
    task_state.task.specific.on_action(task_state, helpers.moderator(), action, **kwargs)


def edit(page, user, **values):
    draft = page.get_latest_revision_as_object()
    for name, value in values.items():
        setattr(draft, name, value)
    return publication.save_member_revision(InitiativePage.objects.get(pk=page.pk), draft, user)


def fresh(page):
    return InitiativePage.objects.get(pk=page.pk)


def test_a_draft_goes_to_the_moderators_and_is_published_on_approval(index):
    page = InitiativePageFactory(parent=index, live=False, title="Ancien nom")
    member = UserFactory()
    revision, outcome = edit(page, member, title="Jardin partagé")
    assert outcome == Outcome.PENDING
    assert revision.user == member
    assert not fresh(page).live
    assert publication.open_workflow_state(page).status == WorkflowState.STATUS_IN_PROGRESS
    decide(page, "approve")
    assert fresh(page).live
    assert fresh(page).title == "Jardin partagé"


def test_a_change_outside_the_recheck_fields_publishes_at_once(index):
    page = InitiativePageFactory(parent=index)
    _, outcome = edit(page, UserFactory(), summary="Nouveau résumé")
    assert outcome == Outcome.PUBLISHED
    assert fresh(page).summary == "Nouveau résumé"
    assert publication.open_workflow_state(page) is None


def test_a_name_change_stays_unpublished_until_approved(index):
    page = InitiativePageFactory(parent=index, title="Nom validé")
    member = UserFactory()
    _, outcome = edit(page, member, title="Nom à vérifier")
    assert outcome == Outcome.PENDING
    assert fresh(page).title == "Nom validé"
    assert fresh(page).has_unpublished_changes
    # While the check is pending, even a harmless change stays a draft.
    _, outcome = edit(page, member, summary="Résumé en attente")
    assert outcome == Outcome.PENDING
    assert fresh(page).summary != "Résumé en attente"
    decide(page, "approve")
    assert (fresh(page).title, fresh(page).summary) == ("Nom à vérifier", "Résumé en attente")


def test_the_recheck_fields_come_from_the_setting(index, settings):
    settings.INITIATIVE_RECHECK_FIELDS = ["summary"]
    page = InitiativePageFactory(parent=index, title="Nom")
    assert edit(page, UserFactory(), title="Autre nom")[1] == Outcome.PUBLISHED
    assert edit(page, UserFactory(), summary="Autre résumé")[1] == Outcome.PENDING


def test_a_rejected_initiative_is_resubmitted_by_the_next_save(index):
    page = InitiativePageFactory(parent=index, live=False)
    member = UserFactory()
    edit(page, member, summary="Premier jet")
    decide(page, "reject", comment="Précisez le lieu.")
    assert publication.open_workflow_state(page).status == WorkflowState.STATUS_NEEDS_CHANGES
    edit(page, member, summary="Au local de la MJC")
    assert publication.open_workflow_state(page).status == WorkflowState.STATUS_IN_PROGRESS


def test_recheck_comparison_covers_relations(index, settings):
    settings.INITIATIVE_RECHECK_FIELDS = ["territories"]
    page = InitiativePageFactory(parent=index)
    draft = fresh(page)
    draft.territories.set(TerritoryPage.objects.all()[:1])
    assert publication.recheck_fields_changed(fresh(page), draft) == ["territories"]


def test_a_rename_made_on_the_page_object_itself_still_goes_to_the_moderators(index):
    page = fresh(InitiativePageFactory(parent=index, title="Nom validé"))
    page.title = "Renommée en mémoire"
    _, outcome = publication.save_member_revision(page, page, UserFactory())
    assert outcome == Outcome.PENDING
    assert fresh(page).title == "Nom validé"
