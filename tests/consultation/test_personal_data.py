"""The consultation's part of a citizen's personal data: their révoltes and rêves and their
« moi aussi », nobody else's."""

import json
from datetime import datetime

import pytest
from wagtail import hooks

from accounts.personal_data import export_personal_data
from cms_pages.extension_points import PERSONAL_DATA
from cms_pages.models import Commune
from consultation.models import Contribution, Support
from consultation.personal_data import export
from tests import factories

pytestmark = pytest.mark.django_db

MAX_QUERIES = 5


def build_world():
    home = factories.site_with_home_page()
    territory = factories.TerritoryPageFactory(
        parent=factories.TerritoryIndexPageFactory(parent=home), title="Pays d'Héricourt"
    )
    commune = Commune.objects.create(territory=territory, name="Chagey", insee_code="70116")
    enjeu = factories.EnjeuPageFactory(
        parent=factories.EnjeuIndexPageFactory(parent=home), title="Mobilité"
    )
    citizen = factories.UserFactory()
    other = factories.UserFactory()
    mine = factories.ContributionFactory(
        author=citizen,
        territory=territory,
        commune=commune,
        kind="reve",
        title="Des bus le dimanche",
        text="Je rêve de bus le dimanche.",
        latitude=47.58,
        longitude=6.76,
        status="pending",
    )
    mine.tags.add("transports")
    mine.enjeux.add(enjeu)
    theirs = factories.ContributionFactory(
        author=other, territory=territory, title="Leur révolte", text="Le texte d'un autre."
    )
    hidden = factories.ContributionFactory(
        author=other, territory=territory, title="Leur titre masqué", status="hidden"
    )
    Support.objects.create(contribution=theirs, user=citizen)
    Support.objects.create(contribution=hidden, user=citizen)
    Support.objects.create(contribution=mine, user=other)
    return {"citizen": citizen, "territory": territory, "theirs": theirs, "hidden": hidden}


def test_the_part_holds_the_citizens_contributions_and_supports(world):
    data = export(world["citizen"])

    [contribution] = data["contributions"]
    assert contribution | {"created": None, "updated": None} == {
        "id": contribution["id"],
        "kind": "reve",
        "title": "Des bus le dimanche",
        "text": "Je rêve de bus le dimanche.",
        "territory": "Pays d'Héricourt",
        "commune": "Chagey",
        "latitude": 47.58,
        "longitude": 6.76,
        "tags": ["transports"],
        "enjeux": ["Mobilité"],
        "source": "online",
        "event": None,
        "status": "pending",
        "moderation_reason": "",
        "created": None,
        "updated": None,
    }
    assert (
        datetime.fromisoformat(contribution["created"])
        == Contribution.objects.get(pk=contribution["id"]).created_at
    )
    supports = {support["contribution"]: support for support in data["supports"]}
    assert supports.keys() == {world["theirs"].pk, world["hidden"].pk}
    assert supports[world["theirs"].pk]["title"] == "Leur révolte"
    # A support stays the citizen's, but a hidden contribution's title is not theirs to read.
    assert supports[world["hidden"].pk]["title"] is None


def test_the_part_is_registered_and_holds_nobody_elses_words(world):
    data = export_personal_data(world["citizen"])

    assert data["parts"]["consultation"]["label"] == "Révoltes et rêves"
    text = json.dumps(data, ensure_ascii=False)
    assert "Le texte d'un autre." not in text
    assert "Leur titre masqué" not in text
    assert any(
        fn.__module__ == "consultation.wagtail_hooks" for fn in hooks.get_hooks(PERSONAL_DATA)
    )


def test_the_queries_do_not_grow_with_the_data(world, django_assert_max_num_queries):
    citizen = world["citizen"]
    with django_assert_max_num_queries(MAX_QUERIES):
        export(citizen)

    for number in range(6):
        contribution = factories.ContributionFactory(author=citizen, territory=world["territory"])
        contribution.tags.add(f"sujet-{number}")
        other = factories.ContributionFactory(territory=world["territory"])
        Support.objects.create(contribution=other, user=citizen)
    with django_assert_max_num_queries(MAX_QUERIES):
        data = export(citizen)
    assert len(data["contributions"]) == 7
    assert len(data["supports"]) == 8
