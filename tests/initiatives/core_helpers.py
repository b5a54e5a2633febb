"""A small initiatives tree for the tests of the shared core (form, publication)."""

from django.contrib.auth.models import Group
from django.test import Client

from accounts.rules import EDITORS, MODERATORS
from initiatives.models import InitiativePage
from initiatives.publication import attach_workflow
from tests import factories


def tree():
    """Home with two territories, two enjeux and the initiative index (with its workflow)."""
    home = factories.site_with_home_page()
    territories_index = factories.TerritoryIndexPageFactory(parent=home)
    territories = [factories.TerritoryPageFactory(parent=territories_index) for _ in range(2)]
    enjeux_index = factories.EnjeuIndexPageFactory(parent=home)
    enjeux = [factories.EnjeuPageFactory(parent=enjeux_index) for _ in range(2)]
    index = factories.InitiativeIndexPageFactory(parent=home)
    attach_workflow(index)
    return index, territories, enjeux


def form_data(chosen, enjeux=(), **overrides):
    data = {
        "title": "Le Repair café de Giromagny",
        "summary": "Réparer ensemble plutôt que jeter.",
        "description": "Chaque mois, des bénévoles réparent.",
        "territories": [t.pk for t in chosen],
        "enjeux": [e.pk for e in enjeux],
        "commune": "",
        "maturity": "idee",
        "economic_purpose": "non_lucratif",
        "organisation_mode": "collectif_informel",
        "membership_policy": "open",
        "tags_text": "réparation, vélo",
        "needs_text": "Un local\nDes outils",
        "inspired_by": "",
        "latitude": "",
        "longitude": "",
        "image_alt": "",
    }
    data.update(overrides)
    return data


def in_group(group_name, **fields):
    user = factories.UserFactory(**fields)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def moderator():
    return in_group(MODERATORS)


def editor():
    return in_group(EDITORS)


def client_for(user):
    """A client signed in as ``user``, its session marked as having given a second factor
    (the admin asks staff for one)."""
    return factories.staff_login(Client(), user)


def fresh(page):
    """The page as stored now (its live content once published)."""
    return InitiativePage.objects.get(pk=page.pk)
