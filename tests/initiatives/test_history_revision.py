"""One revision's page: a readable field-by-field diff against the revision before it, with
old and new values (Wagtail's comparison classes, escaped), labelled in French."""

import re

import pytest

from tests.initiatives import editing_helpers as helpers

pytestmark = pytest.mark.django_db


def build_world():
    """The tree and a published initiative in it, built once for the module."""
    index, territories, enjeux = helpers.tree()
    page = helpers.initiative(index, territories[:1], enjeux[:1], summary="Réparer des vélos.")
    return {"setting": (index, territories, enjeux), "page": page}


@pytest.fixture
def setting(world):
    return world["setting"]


@pytest.fixture
def page(world):
    return world["page"]


def changed_fields(html):
    return re.findall(r'data-diff-field="(\w+)" data-changed', html)


def field_html(html, name):
    start = html.index(f'data-diff-field="{name}"')
    return html[start : html.index("</div>", start)]


def test_the_diff_shows_old_and_new_values(page):
    camille = helpers.member(page)
    client = helpers.client_for(camille)
    client.post(helpers.edit_url(page), helpers.edit_data(page, summary="Réparer des grille-pain."))

    html = client.get(helpers.revision_url(page, helpers.fresh(page).latest_revision)).content
    html = html.decode()

    assert changed_fields(html) == ["summary"]
    summary = field_html(html, "summary")
    assert '<del class="deletion">vélos.</del>' in summary
    assert '<ins class="addition">grille-pain.</ins>' in summary


def test_relations_are_diffed_by_name(setting, page):
    _index, territories, enjeux = setting
    camille = helpers.member(page)
    client = helpers.client_for(camille)
    client.post(
        helpers.edit_url(page),
        helpers.edit_data(
            page,
            territories=[territories[1].pk],
            enjeux=[enjeux[0].pk, enjeux[1].pk],
            tags_text="jardin, Compost partagé",
            needs_text="Un local\nDes bénévoles",
            maturity="activite",
        ),
    )

    html = client.get(helpers.revision_url(page, helpers.fresh(page).latest_revision)).content
    html = html.decode()

    assert set(changed_fields(html)) == {"territories", "enjeux", "tags", "needs", "maturity"}
    territories_html = field_html(html, "territories")
    assert f'<del class="deletion">{territories[0].title}</del>' in territories_html
    assert f'<ins class="addition">{territories[1].title}</ins>' in territories_html
    assert f'<ins class="addition">{enjeux[1].title}</ins>' in field_html(html, "enjeux")
    assert '<ins class="addition">compost partagé</ins>' in field_html(html, "tags")
    assert '<ins class="addition">Des bénévoles</ins>' in field_html(html, "needs")
    assert "Un local" in field_html(html, "needs")
    assert '<ins class="addition">' in field_html(html, "maturity")


def test_an_unchanged_need_list_is_not_a_change(page):
    camille = helpers.member(page)
    client = helpers.client_for(camille)
    # The form gives the needs new block ids each save: the diff compares their text.
    client.post(helpers.edit_url(page), helpers.edit_data(page, summary="Autre chose."))

    html = client.get(helpers.revision_url(page, helpers.fresh(page).latest_revision)).content
    html = html.decode()

    assert "needs" not in changed_fields(html)


def test_the_first_revision_shows_its_values(page):
    camille = helpers.member(page)

    html = (
        helpers.client_for(camille)
        .get(helpers.revision_url(page, helpers.revisions_of(page)[0]))
        .content.decode()
    )

    assert changed_fields(html) == []
    assert "Réparer des vélos." in field_html(html, "summary")


def test_a_revision_of_another_initiative_is_a_404(setting, page):
    index, territories, _enjeux = setting
    other = helpers.initiative(index, territories[:1])
    camille = helpers.member(page)
    client = helpers.client_for(camille)

    assert client.get(helpers.revision_url(page, other.latest_revision)).status_code == 404
    assert client.get(helpers.restore_url(page, other.latest_revision)).status_code == 404
    response = client.post(
        helpers.restore_url(page, other.latest_revision),
        {"base_revision": str(helpers.fresh(page).latest_revision_id)},
    )
    assert response.status_code == 404
