"""What the page templates show, beyond rendering at all (tests/cms_pages covers that)."""

import datetime
import json
import re
import zoneinfo

import pytest
import wagtail_factories
from django.urls import reverse

from cms_pages.models import Commune
from tests import factories

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def build_world():
    """The site's home page, built once for the module."""
    return factories.site_with_home_page()


@pytest.fixture
def home_page(world):
    return world


def text_of(html):
    """The words of an HTML fragment, as a reader sees them."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace(" ,", ",")


@pytest.fixture
def territory_index(home_page):
    return factories.TerritoryIndexPageFactory(parent=home_page)


@pytest.fixture
def territory(territory_index):
    territory = factories.TerritoryPageFactory(
        parent=territory_index,
        title="Pays d'Héricourt",
        slug="pays-d-hericourt",
        siren="247000722",
        seat="Héricourt",
    )
    Commune.objects.create(territory=territory, name="Héricourt", insee_code="70285")
    Commune.objects.create(territory=territory, name="Chagey", insee_code="70116")
    return territory


def test_home_list_items_carry_the_ids_of_the_map_features(client, territory):
    html = client.get("/").content.decode()
    geojson = json.loads(client.get(reverse("territories-geojson")).content)
    listed = set(re.findall(r'<li data-feature-id="([^"]+)"', html))
    assert listed == {f["properties"]["id"] for f in geojson["features"]}


def test_home_links_to_the_territory_index(client, territory_index):
    assert f'href="{territory_index.url}"' in client.get("/").content.decode()


def test_territory_page_states_identity_and_lists_communes_in_details(client, territory):
    html = client.get(territory.url).content.decode()
    assert "<dd>247000722</dd>" in html
    assert "<dd>Héricourt</dd>" in html
    assert "<dd>2</dd>" in html
    details = re.search(r"<details>.*?</details>", html, re.S).group()
    assert "Chagey" in details
    assert "70116" in details


def test_territory_map_asks_for_this_territory_only(client, territory):
    html = client.get(territory.url).content.decode()
    source = f"{reverse('consultation:geojson')}?territoire=pays-d-hericourt"
    assert f'data-map-source="{source}"' in html


def test_territory_without_location_or_boundary_has_no_map(client, territory_index):
    territory = factories.TerritoryPageFactory(parent=territory_index, location="")
    assert "data-map-source" not in client.get(territory.url).content.decode()


def test_events_are_split_into_upcoming_and_past_with_french_dates(client, home_page):
    index = factories.EventIndexPageFactory(parent=home_page)
    factories.EventPageFactory(
        parent=index,
        title="Capitalisation à venir",
        start=datetime.datetime(2099, 3, 12, 18, 30, tzinfo=PARIS),
    )
    factories.EventPageFactory(
        parent=index,
        title="Concertation passée",
        start=datetime.datetime(2021, 6, 3, 14, 0, tzinfo=PARIS),
    )
    html = client.get(index.url).content.decode()
    upcoming, past = map(text_of, html.split('id="past-title"'))
    assert "Capitalisation à venir" in upcoming
    assert "12 mars 2099, 18:30" in upcoming
    assert "Concertation passée" in past
    assert "3 juin 2021" in past


def test_enjeu_colour_is_an_accent_never_a_text_background(client, home_page):
    index = factories.EnjeuIndexPageFactory(parent=home_page)
    enjeu = factories.EnjeuPageFactory(parent=index, colour="#e0a800")
    for html in (client.get(index.url).content.decode(), client.get(enjeu.url).content.decode()):
        assert f"enjeu-colour-{enjeu.pk}" in html  # a class: the CSP refuses style attributes
        assert not re.search(r"background[^;\"]*#e0a800", html)
    css = client.get("/couleurs-des-enjeux.css").content.decode()
    assert f".enjeu-colour-{enjeu.pk} {{ --enjeu-colour: #e0a800; }}" in css
    assert "background" not in css


def test_stream_blocks_render_with_their_templates(client, home_page):
    target = factories.StandardPageFactory(parent=home_page, title="Participer", slug="participer")
    page = factories.StandardPageFactory(
        parent=home_page,
        body=[
            ("heading", {"text": "Les révoltes", "level": "h3"}),
            ("quote", {"text": "Développer le pouvoir d'agir.", "source": "La Coopérative"}),
            (
                "call_to_action",
                {"title": "Agir", "text": "", "page": target, "url": "", "label": "Je participe"},
            ),
        ],
    )
    html = client.get(page.url).content.decode()
    assert "<h3>Les révoltes</h3>" in html
    assert "<figcaption>— La Coopérative</figcaption>" in html
    assert f'<a class="button" href="{target.url}">Je participe</a>' in html


def test_image_block_has_its_alternative_text_and_caption(client, home_page):
    image = wagtail_factories.ImageFactory()
    page = factories.StandardPageFactory(
        parent=home_page,
        body=[("image", {"image": image, "alt_text": "Une réunion", "caption": "À Belfort"})],
    )
    figure = re.search(r'<figure class="block-image">.*?</figure>', client.get(page.url).text, re.S)
    assert re.search(r'<img [^>]*alt="Une réunion"', figure.group())
    assert "srcset=" in figure.group()
    assert "<figcaption>À Belfort</figcaption>" in figure.group()
