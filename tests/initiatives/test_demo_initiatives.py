"""Demo initiatives (load_demo_content): the planisphère under home, published initiatives in
the five territories, one in the moderators' queue, and a second run that changes nothing."""

import pytest
from django.core.management import call_command
from wagtail.models import Revision, WorkflowState

from consultation.demo import territory_centre
from initiatives import publication
from initiatives.models import InitiativeIndexPage, InitiativePage, Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(shared_demo):
    return shared_demo


FIVE_TERRITORIES = {
    "grand-belfort",
    "pays-de-montbeliard-agglomeration",
    "pays-d-hericourt",
    "sud-territoire",
    "vosges-du-sud",
}


def published():
    return InitiativePage.objects.live()


def test_planisphere_sits_under_home_in_the_menu(demo):
    index = InitiativeIndexPage.objects.get()
    assert (index.slug, index.title) == ("initiatives", "Planisphère des solutions")
    assert index.get_parent().pk == demo.pk
    assert index.live and index.show_in_menus


def test_planisphere_is_governed_by_the_moderators_workflow(demo):
    index = InitiativeIndexPage.objects.get()
    assert index.get_workflow().name == publication.WORKFLOW_NAME


def test_about_ten_initiatives_are_published_in_all_five_territories(demo):
    assert 8 <= published().count() <= 12
    territories = set(published().values_list("territories__slug", flat=True))
    assert territories == FIVE_TERRITORIES


def test_each_published_initiative_has_enjeux_tags_needs_and_a_porteur(demo):
    for page in published():
        assert page.enjeux.exists(), page.title
        assert page.tags.exists(), page.title
        assert len(page.needs) >= 1, page.title
        assert Membership.objects.porteurs().filter(initiative=page).exists(), page.title


def test_each_point_is_near_its_territory_centre_and_commune_in_it(demo):
    for page in published():
        territory = page.territories.get()
        centre = territory_centre(territory)
        assert abs(page.latitude - centre[0]) < 0.05, page.title
        assert abs(page.longitude - centre[1]) < 0.05, page.title
        assert page.commune.territory_id == territory.pk, page.title


def test_each_initiative_came_from_published_contributions(demo):
    for page in published():
        inspirations = list(page.inspired_by.all())
        assert 1 <= len(inspirations) <= 3, page.title
        assert all(c.status == "published" for c in inspirations), page.title


def test_profiles_are_varied(demo):
    assert published().values("maturity").distinct().count() >= 4
    assert published().values("economic_purpose").distinct().count() >= 2
    assert published().values("organisation_mode").distinct().count() >= 4


def test_demo_citizens_cannot_sign_in(demo):
    porteurs = {m.user for m in Membership.objects.select_related("user")}
    assert porteurs
    assert not [user for user in porteurs if user.has_usable_password()]


def test_published_initiatives_are_authored_by_their_porteurs(demo):
    for page in published():
        porteur = Membership.objects.porteurs().get(initiative=page).user
        assert page.live_revision.user == porteur


def test_one_initiative_waits_in_the_moderators_queue(demo):
    pending = InitiativePage.objects.filter(live=False)
    assert pending.count() == 1
    state = publication.open_workflow_state(pending.get())
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_second_run_creates_nothing(demo):
    pages, revisions, memberships = (
        InitiativePage.objects.count(),
        Revision.objects.count(),
        Membership.objects.count(),
    )
    call_command("load_demo_content", verbosity=0)
    assert InitiativePage.objects.count() == pages
    assert Revision.objects.count() == revisions
    assert Membership.objects.count() == memberships
    assert WorkflowState.objects.count() == 1
