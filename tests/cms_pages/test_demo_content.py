"""``manage.py load_demo_content``: the brochure's page tree, built once and left alone after,
and searchable once loaded."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from wagtail.models import Page, Revision, Site

from cms_pages.demo.content import COMMUNES_FILE
from cms_pages.models import (
    Commune,
    EnjeuPage,
    EventPage,
    StandardPage,
    TerritoryPage,
)
from initiatives import publication
from search.models import SearchDocument
from tests.search import sources_helpers as search
from tests.search.conftest import engine  # noqa: F401 (each search engine the machine reaches)
from tests.search.sources_helpers import no_leftover_sync  # noqa: F401

TERRITORIES = {
    # slug: (kind, SIREN, number of member communes)
    "grand-belfort": ("CA", "200069052", 52),
    "pays-de-montbeliard-agglomeration": ("CA", "200065647", 73),
    "pays-d-hericourt": ("CC", "247000722", 23),
    "sud-territoire": ("CC", "249000241", 27),
    "vosges-du-sud": ("CC", "200069060", 22),
}
SEAT_POINTS = {
    "grand-belfort": (47.6397, 6.8638),
    "pays-de-montbeliard-agglomeration": (47.5097, 6.7986),
    "pays-d-hericourt": (47.5775, 6.7617),
    "sud-territoire": (47.5075, 6.9994),
}
ENJEU_SLUGS = {
    "agriculture-de-demain",
    "solidarite",
    "emploi-de-demain",
    "energie",
    "mobilite",
    "bien-vieillir",
    "education",
    "lieux-d-avenir",
    "sante-d-avenir",
    "egalite-des-chances",
    "economie-circulaire",
}
STANDARD_SLUGS = {
    "le-projet",
    "la-cooperative-des-citoyens",
    "equipe-coeur",
    "mentions-legales",
    "donnees-personnelles",
}
MENU_SLUGS = {"territoires", "enjeux", "evenements", "initiatives", "le-projet"}
# The privacy notice is the platform's own page (/confidentialite/), always in the footer.
FOOTER_SLUGS = {"mentions-legales"}
INDICATIVE = "Date et lieu indicatifs"


def load():
    call_command("load_demo_content", verbosity=0)


@pytest.fixture
def demo(shared_demo):
    """The demo tree loaded once for the module; the second runs load it again on top of it,
    in the test's own savepoint."""
    return shared_demo


def territory(slug):
    return TerritoryPage.objects.get(slug=slug)


def snapshot():
    return (
        sorted(Page.objects.values_list("pk", "path", "slug", "title")),
        Revision.objects.count(),
        sorted(Commune.objects.values_list("territory_id", "insee_code", "name")),
    )


def relative_luminance(colour):
    def channel(hex_pair):
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


# Territories.


def test_demo_builds_the_five_territories_with_their_slugs(demo):
    assert set(TerritoryPage.objects.values_list("slug", flat=True)) == set(TERRITORIES)


@pytest.mark.parametrize("slug", TERRITORIES)
def test_demo_territory_has_its_kind_and_siren(demo, slug):
    page = territory(slug)

    assert (page.kind, page.siren) == TERRITORIES[slug][:2]


@pytest.mark.parametrize("slug", TERRITORIES)
def test_demo_territory_has_all_its_member_communes(demo, slug):
    assert territory(slug).communes.count() == TERRITORIES[slug][2]


def test_demo_territory_seat_is_one_of_its_member_communes(demo):
    for page in TerritoryPage.objects.exclude(seat=""):
        assert page.communes.filter(name=page.seat).exists(), page.slug


def test_demo_territory_centre_is_its_seat(demo):
    points = {
        page.slug: (page.latitude, page.longitude)
        for page in TerritoryPage.objects.exclude(location="")
    }

    assert points == SEAT_POINTS


def test_vosges_du_sud_has_neither_seat_nor_point_rather_than_a_guess(demo):
    page = territory("vosges-du-sud")

    assert (page.seat, page.location) == ("", "")


def test_demo_stores_no_boundary(demo):
    assert not TerritoryPage.objects.filter(boundary__isnull=False).exists()


def test_communes_file_names_its_source_package_and_version():
    data = json.loads(COMMUNES_FILE.read_text(encoding="utf-8"))

    assert data["source"].startswith(f"@etalab/decoupage-administratif {data['version']}")


# Enjeux.


def test_demo_creates_every_enjeu_of_the_brochure(demo):
    assert set(EnjeuPage.objects.values_list("slug", flat=True)) == ENJEU_SLUGS


def test_demo_enjeux_have_distinct_colours(demo):
    colours = [colour.lower() for colour in EnjeuPage.objects.values_list("colour", flat=True)]

    assert len(set(colours)) == len(ENJEU_SLUGS)


def test_demo_enjeu_colours_carry_white_text_legibly(demo):
    for page in EnjeuPage.objects.all():
        contrast = 1.05 / (relative_luminance(page.colour) + 0.05)
        assert contrast >= 4.5, (page.slug, page.colour, round(contrast, 2))


# Events.


def test_demo_holds_one_capitalisation_event_per_territory(demo):
    events = EventPage.objects.filter(kind=EventPage.Kind.CAPITALISATION)
    covered = sorted(
        slug for event in events for slug in event.territories.values_list("slug", flat=True)
    )

    assert covered == sorted(TERRITORIES)


def test_demo_capitalisation_events_each_belong_to_one_territory(demo):
    events = EventPage.objects.filter(kind=EventPage.Kind.CAPITALISATION)

    assert [event.territories.count() for event in events] == [1] * len(TERRITORIES)


def test_demo_grand_evenement_gathers_the_five_territories(demo):
    event = EventPage.objects.get(kind=EventPage.Kind.GRAND_EVENEMENT)

    assert set(event.territories.values_list("slug", flat=True)) == set(TERRITORIES)


def test_demo_events_take_place_in_2022(demo):
    years = {event.start.astimezone(datetime.UTC).year for event in EventPage.objects.all()}

    assert years == {2022}


def test_demo_events_say_their_date_and_place_are_indicative(demo):
    for event in EventPage.objects.all():
        assert INDICATIVE in event.description, event.slug


# Home and editorial pages.


def test_default_site_root_is_the_home_page(demo):
    assert Site.objects.get(is_default_site=True).root_page.specific == demo


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "testserver"])
def test_dev_server_and_test_client_hosts_reach_the_home_page(demo, host):
    request = RequestFactory().get("/", HTTP_HOST=host)

    assert Site.find_for_request(request).root_page_id == demo.pk


def test_demo_removes_the_wagtail_welcome_page(demo):
    assert list(Page.objects.filter(depth=2)) == [demo.page_ptr]


def test_home_page_lists_the_three_phases_with_the_brochure_periods(demo):
    periods = [phase.value["period"] for phase in demo.phases]

    assert periods == ["2021", "2022", "2022"]


def test_demo_standard_pages_sit_under_the_home_page(demo):
    slugs = StandardPage.objects.child_of(demo).values_list("slug", flat=True)

    assert set(slugs) == STANDARD_SLUGS


def test_menu_shows_territories_enjeux_events_and_the_project(demo):
    menu = demo.get_children().filter(show_in_menus=True)

    assert set(menu.values_list("slug", flat=True)) == MENU_SLUGS


def test_footer_links_the_legal_notice_and_the_privacy_notice(demo):
    footer = StandardPage.objects.filter(show_in_footer=True)

    assert set(footer.values_list("slug", flat=True)) == FOOTER_SLUGS


def test_demo_pages_are_published_through_revisions(demo):
    unrevised = Page.objects.filter(depth__gte=2).exclude(
        live=True, live_revision__isnull=False, has_unpublished_changes=False
    )

    # The one demo initiative left in the moderators' queue, on purpose.
    assert [
        (page.slug, publication.open_workflow_state(page) is not None) for page in unrevised
    ] == [("marche-de-producteurs-du-samedi", True)]


def test_demo_stream_fields_pass_their_block_validation(demo):
    for page in Page.objects.filter(depth__gte=2).specific():
        for name in ("phases", "body"):
            stream = getattr(page, name, None)
            if stream is not None:
                stream.stream_block.clean(stream)


# Search.


def test_the_demo_content_is_searchable(demo, engine):  # noqa: F811
    assert SearchDocument.objects.filter(kind="territory").count() == 5
    assert search.found(engine, "Giromagny")


# Running it again.


def test_second_run_creates_no_page_and_changes_none(demo):
    before = snapshot()[0]

    load()

    assert snapshot()[0] == before


def test_second_run_creates_no_revision(demo):
    revisions = Revision.objects.count()

    load()

    assert Revision.objects.count() == revisions


def test_second_run_keeps_the_same_communes(demo):
    before = snapshot()[2]

    load()

    assert snapshot()[2] == before


def test_second_run_keeps_what_editors_published(demo):
    page = EnjeuPage.objects.get(slug="energie")
    page.title = "Énergies renouvelables"
    page.save_revision().publish()

    load()

    assert EnjeuPage.objects.get(slug="energie").title == "Énergies renouvelables"


def test_demo_command_does_not_recreate_a_territory_whose_slug_an_editor_changed(demo):
    page = territory("sud-territoire")
    page.slug = "territoire-sud"
    page.save_revision().publish()

    load()

    assert TerritoryPage.objects.filter(siren="249000241").count() == 1
