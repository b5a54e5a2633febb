"""A révolte whose author deleted their account stays published, from nobody (contributions
never show their author); their « moi aussi » leave the counts."""

import pytest
from django.urls import reverse

from accounts.erasure import delete_account
from consultation.models import Contribution, Support
from tests import factories

pytestmark = pytest.mark.django_db

NAME = "Gaëtane Erasmus"


def build_world():
    home = factories.site_with_home_page()
    territory = factories.TerritoryPageFactory(
        parent=factories.TerritoryIndexPageFactory(parent=home)
    )
    author = factories.UserFactory(display_name=NAME)
    mine = factories.ContributionFactory(
        author=author, territory=territory, text="Pas de bus le dimanche."
    )
    theirs = factories.ContributionFactory(territory=territory, support_count=2)
    Support.objects.create(contribution=theirs, user=author)
    Support.objects.create(contribution=theirs, user=factories.UserFactory())
    return {"author": author, "mine": mine, "theirs": theirs}


def test_the_contribution_stays_published_without_its_author(world, client):
    delete_account(world["author"])

    page = client.get(world["mine"].get_absolute_url())

    assert page.status_code == 200
    assert "Pas de bus le dimanche." in page.content.decode()
    assert NAME not in page.content.decode()
    mine = Contribution.objects.get(pk=world["mine"].pk)
    assert (mine.author_id, mine.status) == (None, "published")


def test_their_moi_aussi_leaves_the_count(world):
    delete_account(world["author"])

    theirs = Contribution.objects.get(pk=world["theirs"].pk)
    assert theirs.support_count == 1 == theirs.supports.count()


def test_the_admin_names_a_former_participant(world, client):
    delete_account(world["author"])
    factories.staff_login(client, factories.UserFactory(is_superuser=True, is_staff=True))

    page = client.get(
        reverse("wagtailsnippets_consultation_contribution:inspect", args=[world["mine"].pk])
    )

    assert page.status_code == 200
    assert "Ancien participant" in page.content.decode()
    assert NAME not in page.content.decode()
