"""A small tree for the capture and import tests, named like the demo so the data files in
tests/consultation/data/ read like real ones: three territories with a few communes, an event
in Grand Belfort only and an event for all three."""

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import Group

from cms_pages.models import Commune
from tests import factories

DATA = Path(__file__).parent / "data"


@dataclass
class Place:
    belfort: object
    montbeliard: object
    hericourt: object
    belfort_commune: object
    montbeliard_commune: object
    belfort_event: object  # held in Grand Belfort only
    big_event: object  # held in the three territories


def make_place(home_page):
    index = factories.TerritoryIndexPageFactory(parent=home_page)
    belfort = factories.TerritoryPageFactory(
        parent=index,
        title="Grand Belfort",
        slug="grand-belfort",
        siren="200069052",
        location="SRID=4326;POINT(6.8638 47.6397)",
    )
    montbeliard = factories.TerritoryPageFactory(
        parent=index,
        title="Pays de Montbéliard Agglomération",
        slug="pays-de-montbeliard-agglomeration",
        siren="200065647",
        location="SRID=4326;POINT(6.7986 47.5097)",
    )
    hericourt = factories.TerritoryPageFactory(
        parent=index,
        title="Communauté de communes du Pays d'Héricourt",
        slug="pays-d-hericourt",
        siren="247000722",
        location="SRID=4326;POINT(6.7617 47.5775)",
    )
    belfort_commune = Commune.objects.create(territory=belfort, name="Belfort", insee_code="90010")
    montbeliard_commune = Commune.objects.create(
        territory=montbeliard, name="Montbéliard", insee_code="25388"
    )
    Commune.objects.create(territory=hericourt, name="Héricourt", insee_code="70285")
    events = factories.EventIndexPageFactory(parent=home_page)
    belfort_event = factories.EventPageFactory(parent=events, title="Capitalisation à Belfort")
    belfort_event.territories.set([belfort])
    belfort_event.save()
    big_event = factories.EventPageFactory(parent=events, title="Grand événement")
    big_event.territories.set([belfort, montbeliard, hericourt])
    big_event.save()
    return Place(
        belfort=belfort,
        montbeliard=montbeliard,
        hericourt=hericourt,
        belfort_commune=belfort_commune,
        montbeliard_commune=montbeliard_commune,
        belfort_event=belfort_event,
        big_event=big_event,
    )


def user_in(group=None, **kwargs):
    """A citizen, or a member of the staff group named ``group``."""
    user = factories.UserFactory(**kwargs)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def read(name):
    return (DATA / name).read_bytes()
