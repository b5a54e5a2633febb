"""Territories and form data shared by the tests of the online form, “moi aussi” and reports."""

from dataclasses import dataclass
from types import SimpleNamespace

from cms_pages.models import Commune
from tests import factories

# Square territory: longitudes 6.8 to 6.9, latitudes 47.6 to 47.7, centre (47.65, 6.85).
SQUARE = {
    "type": "Polygon",
    "coordinates": [[[6.8, 47.6], [6.9, 47.6], [6.9, 47.7], [6.8, 47.7], [6.8, 47.6]]],
}
INSIDE_SQUARE = (47.6512345, 6.8598765)


@dataclass
class Territories:
    square: object  # boundary stored
    open: object  # no boundary: the ±0.25° box around its centre (47.5, 7.0)
    unplaced: object  # neither boundary nor centre
    draft: object  # not live
    square_commune: object
    open_commune: object


def make_territories(home_page):
    index = factories.TerritoryIndexPageFactory(parent=home_page)
    square = factories.TerritoryPageFactory(
        parent=index,
        title="Carré",
        slug="carre",
        location="SRID=4326;POINT(6.85 47.65)",
        boundary=SQUARE,
    )
    open_ = factories.TerritoryPageFactory(
        parent=index, title="Ouvert", slug="ouvert", location="SRID=4326;POINT(7.0 47.5)"
    )
    unplaced = factories.TerritoryPageFactory(
        parent=index, title="Sans carte", slug="sans-carte", location=""
    )
    draft = factories.TerritoryPageFactory(parent=index, title="Brouillon", slug="brouillon")
    draft.unpublish()
    return Territories(
        square=square,
        open=open_,
        unplaced=unplaced,
        draft=draft,
        square_commune=Commune.objects.create(territory=square, name="Belfort", insee_code="90010"),
        open_commune=Commune.objects.create(territory=open_, name="Delle", insee_code="90033"),
    )


def form_data(territory, /, **overrides):
    """A valid révolte for ``territory``, without a point; ``overrides`` replace fields."""
    data = {
        "kind": "revolte",
        "title": "",
        "text": "Le bus de nuit ne passe plus après 21 heures.",
        "tags": "",
        "territory": str(territory.pk),
        "commune": "",
        "latitude": "",
        "longitude": "",
    }
    data.update(overrides)
    return data


def error_codes(response, field):
    """The codes of a re-rendered form's errors on ``field`` (None for non-field errors)."""
    form = response.context["form"]
    return [error.code for error in form.errors.as_data().get(field or "__all__", [])]


def citizen_world():
    """A home page, the square territory under it and a citizen: the ``build_world`` of the
    modules about a citizen's own contributions, reports and « moi aussi »."""
    home = factories.site_with_home_page()
    return SimpleNamespace(
        home=home, territory=make_territories(home).square, citizen=factories.UserFactory()
    )
