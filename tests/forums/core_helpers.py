"""A small forums world for the tests: one territory, two enjeux, one published initiative with
a porteur and a member, and ready-made threads and comments."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from forums import posting
from tests import factories
from tests.initiatives.core_helpers import client_for, moderator  # noqa: F401 (re-exported)


@dataclass
class World:
    home: object
    territory: object
    enjeu: object
    other_enjeu: object
    initiative: object
    porteur: object
    member: object
    citizen: object


def world():
    home = factories.site_with_home_page()
    territories_index = factories.TerritoryIndexPageFactory(parent=home)
    territory = factories.TerritoryPageFactory(parent=territories_index)
    enjeux_index = factories.EnjeuIndexPageFactory(parent=home)
    enjeu = factories.EnjeuPageFactory(parent=enjeux_index)
    other_enjeu = factories.EnjeuPageFactory(parent=enjeux_index)
    index = factories.InitiativeIndexPageFactory(parent=home)
    initiative = factories.InitiativePageFactory(parent=index)
    porteur = factories.MembershipFactory(initiative=initiative).user
    member = factories.MembershipFactory(initiative=initiative, role="membre").user
    citizen = factories.UserFactory()
    return World(home, territory, enjeu, other_enjeu, initiative, porteur, member, citizen)


def old_account(**fields):
    """A citizen whose account is older than the new-account window (links are not held)."""
    return factories.UserFactory(date_joined=timezone.now() - timedelta(days=60), **fields)


def enjeu_thread(enjeu, author, title="Des bus le dimanche", body="Qui est partant ?"):
    return posting.start_thread(author=author, title=title, body=body, page=enjeu)


def initiative_thread(initiative, author, title="Organisation du samedi", members_only=False):
    return posting.start_thread(
        author=author,
        title=title,
        body="On s'organise ici.",
        page=initiative,
        members_only=members_only,
    )


def comment(thread, author, text="Je suis d'accord.", parent=None):
    return posting.post_comment(thread=thread, author=author, text=text, parent=parent)
