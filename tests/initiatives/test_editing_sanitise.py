"""HTML posted straight to the edit endpoint is cleaned before it is stored in the revision,
and again when shown: no script, event handler, ``javascript:`` or ``data:`` link survives."""

import pytest

from tests.initiatives import editing_helpers as helpers

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<h2 onclick="steal()">Nos ateliers</h2>'
    "<p>Venez <script>alert(1)</script>réparer "
    '<a href="javascript:alert(2)">ici</a>, '
    '<a href="data:text/html;base64,PHNjcmlwdD4=">là</a> '
    '<a href="https://exemple.fr/agenda" onmouseover="x()">ou là</a>.</p>'
    '<img src="x" onerror="alert(3)"><iframe src="https://exemple.fr"></iframe>'
)
FORBIDDEN = (
    "<script",
    "onclick",
    "onmouseover",
    "onerror",
    "javascript:",
    "data:text",
    "<img",
    "<iframe",
)


def build_world():
    """Two initiatives, built once for the module: ``page`` as created, and ``saved`` where
    a member has posted the hostile description."""
    index, territories, _enjeux = helpers.tree()
    page = helpers.initiative(index, territories[:1])
    target = helpers.initiative(index, territories[:1])
    camille = helpers.member(target)
    response = helpers.client_for(camille).post(
        helpers.edit_url(target), helpers.edit_data(target, description=HOSTILE)
    )
    assert response.status_code == 302
    return {"page": page, "saved": helpers.fresh(target)}


@pytest.fixture
def page(world):
    return world["page"]


@pytest.fixture
def saved(world):
    return world["saved"]


def test_the_stored_revision_keeps_only_the_allowed_html(saved):
    stored = saved.latest_revision.content["description"]

    assert not [word for word in FORBIDDEN if word in stored]
    assert "<h2>Nos ateliers</h2>" in stored
    assert 'href="https://exemple.fr/agenda"' in stored


def test_the_public_page_shows_the_cleaned_description(client, saved):
    html = client.get(saved.url).content.decode()

    description = html[html.index("initiative__description") :]
    assert "Nos ateliers" in description
    assert not [word for word in FORBIDDEN if word in description]


def test_the_edit_form_shows_the_cleaned_text(saved):
    camille = helpers.member(saved)

    html = helpers.client_for(camille).get(helpers.edit_url(saved)).content.decode()

    assert "steal()" not in html
    assert "javascript:alert" not in html


def test_the_revision_diff_escapes_the_description(saved):
    camille = helpers.member(saved)

    html = (
        helpers.client_for(camille)
        .get(helpers.revision_url(saved, saved.latest_revision))
        .content.decode()
    )

    assert "<script>alert" not in html
    assert "<h2>Nos ateliers</h2>" not in html
    assert "Nos ateliers" in html


def test_a_name_with_markup_is_escaped_in_the_history_and_the_diff(page):
    camille = helpers.member(page)
    client = helpers.client_for(camille)
    client.post(
        helpers.edit_url(page), helpers.edit_data(page, summary="<b onclick='x()'>gras</b>")
    )
    revision = helpers.fresh(page).latest_revision

    diff = client.get(helpers.revision_url(page, revision)).content.decode()

    assert "<b onclick" not in diff
    assert "&lt;b onclick=" in diff
