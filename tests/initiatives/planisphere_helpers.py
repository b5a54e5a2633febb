"""A small published world for the planisphère's tests: territories, enjeux, initiatives
with and without a point, a draft, a pending one and a published one with a pending change.

Leak markers: the titles of what must never be shown to the public contain ``FUITE``.
"""

import re
from dataclasses import dataclass, field

from cms_pages.models import EnjeuIndexPage, TerritoryIndexPage
from initiatives.models import InitiativeIndexPage, InitiativePage
from initiatives.publication import submit_for_moderation
from tests import factories

LEAK = "FUITE"
BELFORT = (47.6397, 6.8638)
MONTBELIARD = (47.5100, 6.7980)


def point(latitude, longitude):
    return f"SRID=4326;POINT({longitude} {latitude})"


@dataclass
class World:
    home: object
    index: InitiativeIndexPage
    territories: dict = field(default_factory=dict)
    enjeux: dict = field(default_factory=dict)
    initiatives: dict = field(default_factory=dict)
    contribution: object = None


def initiative(index, *, territories=(), enjeux=(), inspired_by=(), live=True, **fields):
    """An initiative under ``index`` with its relations saved in its row (and, when live,
    in a published revision, as the site's own saves do)."""
    page = factories.InitiativePageFactory.build(**fields)
    page.live = live
    index.add_child(instance=page)
    page.territories.set(list(territories))
    page.enjeux.set(list(enjeux))
    page.inspired_by.set(list(inspired_by))
    page.save()  # the relations in the row too, as the creation form's save does
    revision = page.save_revision()
    if live:
        revision.publish()
    page.refresh_from_db()
    return page


def index_page(home):
    existing = InitiativeIndexPage.objects.first()
    return existing or factories.InitiativeIndexPageFactory(parent=home)


def indexes(home):
    territory_index = TerritoryIndexPage.objects.first() or factories.TerritoryIndexPageFactory(
        parent=home
    )
    enjeu_index = EnjeuIndexPage.objects.first() or factories.EnjeuIndexPageFactory(parent=home)
    return territory_index, enjeu_index


def world(home=None):
    """Two territories (belfort, montbeliard), two enjeux (mobilite, energie), a published
    contribution (``contribution``) and:

    - ``velo``: idée, Belfort, mobilité, point near Belfort, born of the contribution
    - ``soleil``: en activité, Montbéliard, énergie, a coopérative, point near Montbéliard
    - ``jardin``: lancement, both territories, no point
    - ``draft``: never submitted (not live); ``pending``: submitted, not live
    - ``rechecked``: published, then renamed to a leak marker waiting for the moderators

    The last three are in Belfort and mobilité, and born of the contribution too.
    """
    home = home or factories.site_with_home_page()
    territory_index, enjeu_index = indexes(home)
    belfort = factories.TerritoryPageFactory(
        parent=territory_index, title="Belfort test", slug="belfort-test"
    )
    montbeliard = factories.TerritoryPageFactory(
        parent=territory_index,
        title="Montbéliard test",
        slug="montbeliard-test",
        location=point(*MONTBELIARD),
    )
    mobilite = factories.EnjeuPageFactory(parent=enjeu_index, title="Mobilité test", slug="mob")
    energie = factories.EnjeuPageFactory(parent=enjeu_index, title="Énergie test", slug="nrj")
    index = index_page(home)
    w = World(
        home=home,
        index=index,
        territories={"belfort": belfort, "montbeliard": montbeliard},
        enjeux={"mobilite": mobilite, "energie": energie},
    )
    w.contribution = factories.ContributionFactory(
        territory=belfort, title="Pas assez de pistes cyclables"
    )
    w.initiatives["velo"] = initiative(
        index,
        title="Vélo-école de Belfort",
        slug="velo-ecole",
        maturity="idee",
        territories=[belfort],
        enjeux=[mobilite],
        inspired_by=[w.contribution],
        location=point(*BELFORT),
    )
    w.initiatives["soleil"] = initiative(
        index,
        title="Coopérative solaire",
        slug="cooperative-solaire",
        maturity="activite",
        economic_purpose="lucrativite_limitee",
        organisation_mode="cooperative",
        territories=[montbeliard],
        enjeux=[energie],
        location=point(*MONTBELIARD),
    )
    w.initiatives["jardin"] = initiative(
        index,
        title="Jardins partagés",
        slug="jardins-partages",
        maturity="lancement",
        territories=[belfort, montbeliard],
        enjeux=[mobilite, energie],
    )
    w.initiatives.update(hidden_initiatives(index, [belfort], [mobilite], [w.contribution]))
    return w


def hidden_initiatives(index, territories, enjeux, inspired_by=()):
    """A draft, a pending one and a published one whose renaming waits for the moderators;
    every unpublished title carries the leak marker."""
    common = {"territories": territories, "enjeux": enjeux, "inspired_by": inspired_by}
    draft = initiative(
        index,
        title=f"{LEAK} brouillon",
        slug="fuite-brouillon",
        live=False,
        location=point(*BELFORT),
        **common,
    )
    pending = initiative(
        index,
        title=f"{LEAK} en attente",
        slug="fuite-attente",
        live=False,
        location=point(*BELFORT),
        **common,
    )
    submit_for_moderation(pending, factories.UserFactory())
    rechecked = initiative(
        index,
        title="Ressourcerie publiée",
        slug="ressourcerie",
        location=point(*BELFORT),
        **common,
    )
    draft_version = rechecked.get_latest_revision_as_object()
    draft_version.title = f"{LEAK} renommée"
    draft_version.summary = f"{LEAK} résumé"
    draft_version.save_revision()
    submit_for_moderation(rechecked, factories.UserFactory())
    return {"draft": draft, "pending": pending, "rechecked": rechecked}


def published_ids():
    return set(InitiativePage.objects.live().values_list("pk", flat=True))


def feature_ids(response):
    return {
        feature["properties"]["id"]
        for feature in response.json()["features"]
        if feature["properties"].get("kind") == "initiative"
    }


def list_ids(response):
    """The data-feature-id of the planisphère's list items."""
    return set(re.findall(r'data-feature-id="(initiative-\d+)"', response.content.decode()))


def fid(page):
    return f"initiative-{page.pk}"
