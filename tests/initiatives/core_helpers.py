"""A small initiatives tree for the tests of the shared core (form, publication)."""

from django.contrib.auth.models import Group

from accounts.rules import MODERATORS
from tests import factories


def tree():
    """Home with two territories, two enjeux and the initiative index (with its workflow)."""
    from initiatives.publication import attach_workflow

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


def moderator():
    user = factories.UserFactory()
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user
