"""The map component's contract, on a page of its own: filters, list sync, feature kinds.

The page and its GeoJSON source are answered by the browser (``page.route``), so the tests
pin down what map.js does with any source that later features will plug in.
"""

import json
import re
from html import escape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.template.loader import render_to_string
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

FEATURES = [
    {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [6.86, 47.64]},
        "properties": {"id": "c-1", "name": "Trop de voitures", "kind": "revolte", "url": "/c/1/"},
    },
    {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [6.76, 47.58]},
        "properties": {"id": "c-2", "name": "Des jardins partagés", "kind": "reve", "url": "/c/2/"},
    },
]
MAP_SETTINGS = {"tilesUrl": "", "tilesAttribution": "", "center": {"lat": 47.6, "lng": 6.8}}


def essai_html(kind=""):
    """The test page: a filter form, the map component and the list, as a server renders them."""
    items = "".join(
        f'<li data-feature-id="{f["properties"]["id"]}"><a href="{f["properties"]["url"]}">'
        f"{escape(f['properties']['name'])}</a></li>"
        for f in FEATURES
        if kind in ("", f["properties"]["kind"])
    )
    component = render_to_string(
        "components/map.html",
        {
            "source": "/essai.geojson",
            "label": "Carte d'essai",
            "list_id": "liste",
            "filter_form": "filtres",
            "map_settings": {**MAP_SETTINGS, "zoom": 10},
        },
    )
    return f"""<!DOCTYPE html><html lang="fr"><head><title>Essai</title>
<link rel="stylesheet" href="/static/vendor/leaflet/leaflet.css">
<link rel="stylesheet" href="/static/vendor/leaflet-markercluster/MarkerCluster.css">
<link rel="stylesheet" href="/static/theme/css/site.css"></head><body><main>
<form id="filtres" method="get"><label for="kind">Type</label>
<select id="kind" name="kind"><option value="">Tout</option>
<option value="revolte">Révoltes</option><option value="reve">Rêves</option></select>
<button>Filtrer</button></form>
{component}<ul id="liste">{items}</ul></main></body></html>"""


@pytest.fixture
def map_page(page, live_server):
    """Serves /essai/ (filtered by ``kind``) and its GeoJSON; records the GeoJSON queries."""
    queries = []
    features = list(FEATURES)

    def essai(route):
        kind = parse_qs(urlsplit(route.request.url).query).get("kind", [""])[0]
        route.fulfill(content_type="text/html; charset=utf-8", body=essai_html(kind))

    def geojson(route):
        query = parse_qs(urlsplit(route.request.url).query)
        queries.append(query)
        kind = query.get("kind", [""])[0]
        chosen = [f for f in features if kind in ("", f["properties"].get("kind", ""))]
        route.fulfill(
            content_type="application/geo+json",
            body=json.dumps({"type": "FeatureCollection", "features": chosen}),
        )

    page.route(re.compile(r".*/essai/(\?.*)?$"), essai)
    page.route(re.compile(r".*/essai\.geojson\?.*"), geojson)
    page.queries = queries
    page.features = features
    return page


def open_map(page):
    page.goto("/essai/")
    expect(page.locator("#carte")).to_have_attribute("data-map-state", "ready")


def test_source_is_asked_for_the_visible_area_and_zoom(map_page):
    open_map(map_page)
    query = map_page.queries[0]
    west, south, east, north = map(float, query["bbox"][0].split(","))
    assert west < 6.8 < east
    assert south < 47.6 < north
    assert query["zoom"]


def test_each_kind_of_marker_has_its_own_class(map_page):
    open_map(map_page)
    expect(map_page.locator('#carte .map-marker--revolte[data-feature-id="c-1"]')).to_be_visible()
    expect(map_page.locator('#carte .map-marker--reve[data-feature-id="c-2"]')).to_be_visible()


def test_filter_change_updates_map_list_and_url_without_reloading(map_page):
    open_map(map_page)
    map_page.evaluate("window.sameDocument = true")

    map_page.locator("#kind").select_option("reve")

    expect(map_page.locator("#liste li")).to_have_count(1)
    expect(map_page.locator("#carte .map-marker")).to_have_count(1)
    assert map_page.queries[-1]["kind"] == ["reve"]
    assert "bbox" in map_page.queries[-1]
    assert urlsplit(map_page.url).query == "kind=reve"
    assert map_page.evaluate("window.sameDocument") is True


def test_clicking_a_marker_highlights_its_list_item(map_page):
    open_map(map_page)
    map_page.locator('#carte [data-feature-id="c-2"]').click()
    expect(map_page.locator('#liste [data-feature-id="c-2"]')).to_have_class("is-highlighted")
    expect(map_page.locator('#liste [data-feature-id="c-1"]')).not_to_have_class("is-highlighted")


def test_feature_names_are_shown_as_text_never_as_html(map_page):
    map_page.features[0]["properties"]["name"] = '<img src="x" onerror="window.injected = 1">'
    open_map(map_page)
    map_page.locator('#carte [data-feature-id="c-1"]').click()
    expect(map_page.locator(".map-popup")).to_contain_text('<img src="x"')
    assert map_page.evaluate("window.injected") is None


def test_server_side_cluster_is_a_bubble_with_its_count(map_page):
    map_page.features[:] = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [6.8, 47.6]},
            "properties": {"count": 42},
        }
    ]
    open_map(map_page)
    bubble = map_page.locator("#carte .map-group")
    expect(bubble).to_have_count(1)
    expect(bubble).to_contain_text("42")


def test_first_view_holds_every_member_of_a_server_cluster(map_page):
    map_page.features[:] = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [6.8, 47.6]},
            "properties": {"id": "g", "count": 3, "extent": [6.7, 47.55, 6.95, 47.68]},
        }
    ]
    open_map(map_page)
    # The fitted view asks again for its own area: it must hold the cluster's outer members.
    map_page.wait_for_timeout(600)  # the fit's move, debounced, asks again
    expect(map_page.locator("#carte")).to_have_attribute("data-map-state", "ready")
    assert len(map_page.queries) >= 2
    west, south, east, north = map(float, map_page.queries[-1]["bbox"][0].split(","))
    assert west <= 6.7 and south <= 47.55 and east >= 6.95 and north >= 47.68


def test_a_feature_without_position_is_listed_under_the_map(map_page):
    map_page.features.append(
        {
            "type": "Feature",
            "geometry": None,
            "properties": {
                "id": "sans-point-vds",
                "kind": "unplaced",
                "name": "6 contributions placées sans point (Vosges du Sud)",
                "url": "/essai/?territoire=vds",
                "unplaced": 6,
            },
        }
    )
    open_map(map_page)
    link = map_page.locator("#carte-offmap li a")
    expect(link).to_have_text("6 contributions placées sans point (Vosges du Sud)")
    expect(link).to_have_attribute("href", "/essai/?territoire=vds")
    expect(map_page.locator("#carte .map-marker")).to_have_count(2)


def test_nothing_is_listed_under_the_map_when_everything_is_drawn(map_page):
    open_map(map_page)
    expect(map_page.locator("#carte-offmap")).to_be_hidden()
