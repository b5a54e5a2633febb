"""Page panels: plugins fill the slots of the core's pages (cms_pages.panels, the
``register_page_panels`` hook), in their order and place, with their CSS and JavaScript in
``<head>``; the core's pages render without any plugin panel and name no plugin; and every
registered panel of every slot keeps within its query budget on the demo pages. (One module,
so the demo tree is loaded once.)"""

from pathlib import Path
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.forms import Media
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail import hooks
from wagtail.models import Site

from cms_pages.extension_points import PAGE_PANELS
from cms_pages.models import EnjeuPage, EventPage, TerritoryPage
from cms_pages.panels import CHROME_SLOTS, SLOTS, PagePanel, SlotPanels, build_panels

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
TERRITORY = "/territoires/grand-belfort/"
PLUGINS = ("consultation", "initiatives", "forums", "search")


class ExamplePanel(PagePanel):
    """A panel of an imaginary plugin, with its own styles and script."""

    order = 50

    class Media:
        css = {"all": ["example/example.css"]}
        js = ["example/example.js"]

    def __init__(self, *args, label="Exemple", order=None, area="", **kwargs):
        super().__init__(*args, **kwargs)
        self.label = label
        self.area = area
        if order is not None:
            self.order = order

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        return Template(
            '<section data-example="{{ panel.label }}">{{ panel.label }} · {{ page.title }}'
            "</section>"
        ).render(Context(context))


def example_panels(*specs, slot="territory"):
    """A hook function giving ``ExamplePanel(**spec)`` for each of ``specs`` in ``slot``."""

    def register(given_slot, page, request):
        if given_slot == slot:
            return [ExamplePanel(given_slot, page, request, **spec) for spec in specs]
        return None

    return register


def parsed(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def examples(soup, selector="main"):
    return [node["data-example"] for node in soup.select(f"{selector} [data-example]")]


# An example plugin's panel.


def test_a_registered_panel_shows_on_the_territory_page_with_its_media_in_head(client, shared_demo):
    with hooks.register_temporarily(PAGE_PANELS, example_panels({"label": "Exemple"})):
        soup = parsed(client.get(TERRITORY))

    panel = soup.select_one("main [data-example]")
    assert panel.get_text(strip=True) == "Exemple · Grand Belfort"
    assert soup.select_one('head link[rel=stylesheet][href$="/example/example.css"]')
    assert soup.select_one('head script[src$="/example/example.js"]')
    # The page's own panels come after the chrome's styles (each file once).
    hrefs = [link["href"] for link in soup.select("head link[rel=stylesheet]")]
    assert len(hrefs) == len(set(hrefs))
    assert hrefs.index(next(h for h in hrefs if h.endswith("/search/search.css"))) < hrefs.index(
        next(h for h in hrefs if h.endswith("/example/example.css"))
    )


def test_panels_follow_their_order_and_their_area(client, shared_demo):
    hook = example_panels(
        {"label": "second", "order": 250},
        {"label": "first", "order": 150},
        {"label": "beside", "area": "overview"},
    )
    with hooks.register_temporarily(PAGE_PANELS, hook):
        soup = parsed(client.get(TERRITORY))

    assert examples(soup, ".territory-overview") == ["beside"]
    main = [node["data-example"] for node in soup.select("main > .page > [data-example]")]
    assert main == ["first", "second"]
    # Among the plugins' own: the initiatives (order 200) between the two.
    order = [
        node.get("data-example") or "initiatives"
        for node in soup.select("main > .page > [data-example], main [data-initiative-lineage]")
    ]
    assert order == ["first", "initiatives", "second"]


def test_a_panel_in_another_slot_does_not_show(client, shared_demo):
    with hooks.register_temporarily(PAGE_PANELS, example_panels({}, slot="event")):
        assert examples(parsed(client.get(TERRITORY))) == []


@pytest.mark.parametrize("slot", ["header", "navigation", "footer"])
def test_the_chrome_slots_show_on_every_page_plain_views_included(client, shared_demo, slot):
    with hooks.register_temporarily(PAGE_PANELS, example_panels({"label": slot}, slot=slot)):
        for path in ("/", TERRITORY, reverse("account_login")):
            soup = parsed(client.get(path))
            assert [n["data-example"] for n in soup.select("[data-example]")] == [slot]
            assert soup.select_one('head link[href$="/example/example.css"]')


def test_the_tag_builds_the_panels_once_when_the_context_has_none(shared_demo):
    calls = []

    def hook(slot, page, request):
        calls.append(slot)
        return [ExamplePanel(slot, page, request, area=area) for area in ("", "overview")]

    page = TerritoryPage.objects.get(slug="grand-belfort")
    template = Template(
        '{% load panel_tags %}{% panels "territory" %}|{% panels "territory" area="overview" %}'
    )
    with hooks.register_temporarily(PAGE_PANELS, hook):
        html = template.render(Context({"page": page, "request": RequestFactory().get("/")}))

    assert html.count("Exemple · Grand Belfort") == 2
    assert calls.count("territory") == 1


def test_an_unknown_slot_is_refused():
    with pytest.raises(ValueError, match="sidebar"):
        build_panels("sidebar", None, None)


def test_slot_panels_build_each_slot_on_first_use_and_merge_their_media():
    calls = []

    def hook(slot, page, request):
        calls.append(slot)
        return [ExamplePanel(slot, page, request)]

    with hooks.register_temporarily(PAGE_PANELS, hook):
        chrome = SlotPanels(CHROME_SLOTS)
        assert calls == []
        assert [panel.slot for panel in chrome["navigation"]][-1] == "navigation"
        assert calls == ["navigation"]
        media = chrome.media
    assert calls == ["navigation", "header", "footer"]
    assert isinstance(media, Media)
    assert str(media).count("example/example.css") == 1


# Without plugins.

CORE_PAGES = ["/", TERRITORY, "/enjeux/mobilite/", "/evenements/", "/territoires/"]


@pytest.mark.parametrize("path", CORE_PAGES)
def test_the_core_pages_render_without_any_plugin_panel(client, shared_demo, path):
    with mock.patch.dict(hooks._hooks, {PAGE_PANELS: []}):
        response = client.get(path)
    soup = parsed(response)
    html = response.content.decode()
    assert not soup.select("form[role=search], [data-initiative-lineage], [data-latest-threads]")
    assert not soup.select(".territory-contributions")
    for plugin in PLUGINS:
        assert f"/static/{plugin}/" not in html
    # The menu still has its pages.
    assert soup.select("nav.main-nav li a")


def test_the_profile_renders_without_any_plugin_panel(client, shared_demo, django_user_model):
    user = django_user_model.objects.create_user("solo@example.org", password="x")
    client.force_login(user)
    with mock.patch.dict(hooks._hooks, {PAGE_PANELS: []}):
        soup = parsed(client.get("/comptes/profil/"))
    assert soup.select_one("main form")
    # The core's own sections only: the copy of one's data, the deletion of the account.
    sections = {section.get("id") for section in soup.select("main section")}
    assert sections == {"vos-donnees", "supprimer-mon-compte"}


def core_files():
    for app in ("cms_pages", "accounts", "moderation", "outbox", "theme"):
        for path in sorted((ROOT / app).rglob("*")):
            if path.suffix in {".html", ".py"} and "migrations" not in path.parts:
                yield path


def test_the_core_templates_load_no_plugin_tag_library_and_name_no_plugin():
    plugin_tags = ("initiative_membership", "forum_tags", "consultation_tags", "search_tags")
    found = []
    for path in core_files():
        if path.suffix != ".html":
            continue
        text = path.read_text()
        for plugin in PLUGINS:
            for needle in (f"'{plugin}:", f'"{plugin}:', f'"{plugin}/', f"'{plugin}/"):
                if needle in text:
                    found.append((path.relative_to(ROOT), needle))
        found += [(path.relative_to(ROOT), tag) for tag in plugin_tags if f" {tag}" in text]
    assert found == []


# Query budgets of every registered panel.


def slot_objects():
    """For each slot, the demo objects its panels are built for."""
    Contribution = apps.get_model("consultation", "Contribution")
    InitiativePage = apps.get_model("initiatives", "InitiativePage")
    Membership = apps.get_model("initiatives", "Membership")
    member = Membership.objects.select_related("user").first().user
    return {
        "home": [shared_home()],
        "territory": list(TerritoryPage.objects.live()),
        "enjeu": list(EnjeuPage.objects.live()),
        "event": list(EventPage.objects.live()[:2]),
        "initiative": list(InitiativePage.objects.live()[:3]),
        "contribution": list(Contribution.objects.order_by("status", "pk")[:3])
        + list(Contribution.objects.published().order_by("-pk")[:2]),
        "profile": [member],
        "search": [None],
        "header": [None],
        "navigation": [None],
        "footer": [None],
        "privacy": [None],
    }


def shared_home():
    return apps.get_model("cms_pages", "HomePage").objects.get()


def request_for(user):
    """A request as a page's serving leaves it: its site found (Wagtail's routing does it)."""
    request = RequestFactory().get("/")
    request.user = user
    Site.find_for_request(request)
    return request


def test_every_panel_keeps_within_its_query_budget(shared_demo):
    objects = slot_objects()
    assert set(objects) == set(SLOTS)
    member = objects["profile"][0]
    rendered, overruns = 0, []
    for slot in SLOTS:
        for page in objects[slot]:
            for user in (AnonymousUser(), member):
                viewer = page if slot == "profile" else user
                # Once to warm the per-process caches (content types, site root paths)…
                request = request_for(viewer)
                for panel in build_panels(slot, page, request):
                    panel.render_html(context_for(page, request))
                # …then each panel on its own, for a fresh request.
                request = request_for(viewer)
                for panel in build_panels(slot, page, request):
                    with CaptureQueriesContext(connection) as queries:
                        panel.render_html(context_for(page, request))
                    rendered += 1
                    if len(queries) > panel.query_budget:
                        overruns.append((repr(panel), repr(page), len(queries)))
    assert rendered > len(SLOTS)
    # Every panel that ran more queries than its budget, with the page and the count.
    assert overruns == []


def context_for(page, request):
    return Context({"page": page, "request": request, "user": request.user})
