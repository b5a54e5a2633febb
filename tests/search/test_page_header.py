"""The search box in the header of every page: a labelled GET form to the search page that
works without JavaScript, and the script that turns it into a combobox."""

import pytest
from bs4 import BeautifulSoup

from tests.search import page_helpers as h

pytestmark = pytest.mark.django_db


def header_box(html):
    soup = BeautifulSoup(html, "html.parser")
    return soup, soup.select_one("header.site-header form[role=search]")


@pytest.mark.parametrize("path", ["/", "/enjeux/", h.SEARCH, "/recherche/?q=velo"])
def test_every_page_has_the_search_box_in_its_header(client, path):
    h.places()

    soup, form = header_box(client.get(path).content)

    assert form["action"] == "/recherche/" and form["method"] == "get"
    assert form["aria-label"]
    field = form.select_one("input[name=q]")
    label = form.select_one(f'label[for="{field["id"]}"]')
    assert label.get_text(strip=True) == "Rechercher"
    assert form.select_one("button[type=submit]")
    assert form["data-search-suggest-url"] == h.SUGGESTIONS
    script = soup.select_one('script[src$="search/search-suggest.js"]')
    assert script.has_attr("defer")
    assert soup.select_one('link[href$="search/search.css"]')


def test_the_header_box_submits_to_the_search(client):
    h.places()
    row = h.document("Vélo partagé")

    _, form = header_box(client.get("/").content)
    response = client.get(form["action"], {form.select_one("input")["name"]: "velo"})

    assert h.keys(BeautifulSoup(response.content, "html.parser")) == [row.key]


def test_the_search_page_has_two_distinct_search_landmarks(client):
    h.places()

    soup = BeautifulSoup(client.get(h.SEARCH).content, "html.parser")

    forms = soup.select("form[role=search]")
    assert len(forms) == 2
    assert len({form["aria-label"] for form in forms}) == 2
    assert len({form.select_one("input[name=q]")["id"] for form in forms}) == 2
