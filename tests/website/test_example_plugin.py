"""The example plugin of the README (tests/example_plugin): a plugin needs nothing but the
core's extension points to show on a territory page, be found by the search and bring its
demo content."""

import io

import pytest
from django.core.management import call_command

from cms_pages.models import StandardPage
from search.rebuild import rebuild_index
from tests import example_plugin, factories

pytestmark = pytest.mark.django_db


def build_world():
    home = factories.site_with_home_page()
    territories = factories.TerritoryIndexPageFactory(parent=home)
    territory = factories.TerritoryPageFactory(
        parent=territories, title="Val d’exemple", slug="val-d-exemple"
    )
    return {"home": home, "territory": territory}


def test_its_panel_shows_on_the_territory_page_with_its_style_sheet(client, world, monkeypatch):
    with example_plugin.installed(monkeypatch):
        html = client.get("/territoires/val-d-exemple/").content.decode()
    assert '<p class="example-welcome">Bienvenue sur le territoire Val d’exemple</p>' in html
    head = html.split("</head>")[0]
    assert "example_plugin/welcome.css" in head


def test_switched_off_it_leaves_no_trace_on_the_page(client, world):
    html = client.get("/territoires/val-d-exemple/").content.decode()
    assert "example-welcome" not in html
    assert "welcome.css" not in html


def test_its_search_source_makes_the_home_page_findable(client, world, monkeypatch):
    with example_plugin.installed(monkeypatch):
        rebuild_index()
        html = client.get("/recherche/", {"q": "zéphyrin"}).content.decode()
    assert "Accueil" in html
    assert world["home"].title in html


def test_its_demo_loader_runs_after_the_others_once(world, monkeypatch):
    out = io.StringIO()
    with example_plugin.installed(monkeypatch):
        call_command("load_demo_content", stdout=out)
        call_command("load_demo_content", stdout=io.StringIO())
    assert StandardPage.objects.filter(slug=example_plugin.DEMO_SLUG).count() == 1
    lines = out.getvalue().splitlines()
    assert lines[-1] == "Example plugin: 1 page created."
