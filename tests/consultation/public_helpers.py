"""A small region for the tests of the public map, its GeoJSON and CSV and the contribution
pages: two territories (one with a stored boundary), an enjeu, an event, and helpers to add
contributions of any status at exact points."""

from dataclasses import dataclass
from types import SimpleNamespace

from cms_pages.models import Commune
from tests import factories

# "nord": longitudes 6.8 to 6.9, latitudes 47.6 to 47.7.
SQUARE = {
    "type": "Polygon",
    "coordinates": [[[6.8, 47.6], [6.9, 47.6], [6.9, 47.7], [6.8, 47.7], [6.8, 47.6]]],
}
# An exact point whose digits can be searched for in any output; public: (47.651, 6.86).
EXACT = (47.6512345, 6.8598765)
EXACT_TEXTS = ("47.6512345", "6.8598765", "47,6512345", "6,8598765")
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
UNPUBLISHED = ["pending", "hidden", "rejected"]


@dataclass
class Region:
    nord: object
    sud: object
    commune: object
    enjeu: object
    draft_enjeu: object
    event: object


def make_region(home_page):
    territories = factories.TerritoryIndexPageFactory(parent=home_page)
    nord = factories.TerritoryPageFactory(
        parent=territories,
        title="Nord",
        slug="nord",
        location="SRID=4326;POINT(6.85 47.65)",
        boundary=SQUARE,
    )
    sud = factories.TerritoryPageFactory(
        parent=territories, title="Sud", slug="sud", location="SRID=4326;POINT(6.85 47.45)"
    )
    enjeux = factories.EnjeuIndexPageFactory(parent=home_page)
    enjeu = factories.EnjeuPageFactory(parent=enjeux, title="Mobilité", slug="mobilite")
    draft_enjeu = factories.EnjeuPageFactory(parent=enjeux, title="Brouillon", slug="brouillon")
    draft_enjeu.unpublish()
    events = factories.EventIndexPageFactory(parent=home_page)
    event = factories.EventPageFactory(parent=events, title="Forum de Belfort", slug="forum")
    return Region(
        nord=nord,
        sud=sud,
        commune=Commune.objects.create(territory=nord, name="Belfort", insee_code="90010"),
        enjeu=enjeu,
        draft_enjeu=draft_enjeu,
        event=event,
    )


def contribution(territory, point=None, **fields):
    """A contribution (published unless ``status`` says otherwise) at an exact ``point``."""
    if point is not None:
        fields["latitude"], fields["longitude"] = point
    return factories.ContributionFactory(territory=territory, **fields)


def grid_points(count, south=47.61, west=6.81, step=0.0071):
    """``count`` distinct exact points inside "nord", ten to a row."""
    return [(south + (i // 10) * step, west + (i % 10) * step) for i in range(count)]


def region_world():
    """A home page and the region under it, built once by each module of the public pages
    (their ``build_world``)."""
    home = factories.site_with_home_page()
    return SimpleNamespace(home=home, region=make_region(home))
