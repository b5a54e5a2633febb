"""Plain text typed in the initiative forms is stored as typed and escaped once, when shown:
« Sport & loisirs : 3 < 5 » reads the same after a save, in the edit form, on the public page
and in the revision history (the edit form showed « Sport &amp; loisirs : 3 &lt; 5 »). The
description (rich text) is sanitised once, when saved."""

import html

import pytest

from initiatives.editing import needs_of
from initiatives.forms import InitiativeForm
from initiatives.models import InitiativePage
from initiatives.sanitise import clean_description, editable_text, wrap_paragraphs
from tests.factories import UserFactory
from tests.initiatives import core_helpers
from tests.initiatives import editing_helpers as helpers

pytestmark = pytest.mark.django_db

TEXT = "Sport & loisirs : 3 < 5"
ONCE = html.escape(TEXT, quote=False)  # Sport &amp; loisirs : 3 &lt; 5
TWICE = html.escape(ONCE, quote=False)  # Sport &amp;amp; loisirs : 3 &amp;lt; 5


def build_world():
    index, territories, enjeux = helpers.tree()
    page = helpers.initiative(index, territories, enjeux)
    return {"territories": territories, "page": page}


def porteur_of(page):
    return page.memberships.get().user


def save(page, client=None, **changes):
    client = client or helpers.client_for(porteur_of(page))
    response = client.post(helpers.edit_url(page), helpers.edit_data(page, **changes))
    assert response.status_code == 302, response.content.decode()[:2000]
    return client


def save_everywhere(page):
    return save(page, title=TEXT, summary=TEXT, needs_text=TEXT, description=TEXT)


def test_the_edit_form_stores_plain_text_as_typed_and_rich_text_sanitised_once(world):
    page = world["page"]
    save_everywhere(page)

    latest = helpers.fresh(page).get_latest_revision_as_object()
    assert latest.title == TEXT
    assert latest.summary == TEXT
    assert needs_of(latest.needs) == [TEXT]
    assert latest.description == f"<p>{ONCE}</p>"


def test_the_edit_form_shows_the_saved_text_once_escaped(world):
    page = world["page"]
    client = save_everywhere(page)

    content = client.get(helpers.edit_url(page)).content.decode()

    assert f'name="title" value="{ONCE}"' in content
    assert f">\n{ONCE}</textarea>" in content or f">{ONCE}</textarea>" in content
    assert TWICE not in content
    form = InitiativeForm(instance=helpers.fresh(page).get_latest_revision_as_object())
    assert form.initial["description"] == TEXT


def test_saving_the_form_unchanged_changes_nothing(world):
    page = world["page"]
    client = save_everywhere(page)
    latest = helpers.fresh(page).get_latest_revision_as_object()
    shown = InitiativeForm(instance=latest).initial["description"]

    save(page, client, title=TEXT, summary=TEXT, needs_text=TEXT, description=shown)

    again = helpers.fresh(page).get_latest_revision_as_object()
    assert again.description == latest.description == f"<p>{ONCE}</p>"
    assert again.title == TEXT


def test_the_public_page_and_the_history_show_the_text_once_escaped(world):
    page = world["page"]
    client = save_everywhere(page)
    helpers.approve(page)
    urls = [helpers.fresh(page).url, helpers.history_url(page)] + [
        helpers.revision_url(page, revision) for revision in helpers.revisions_of(page)
    ]

    for url in urls:
        response = client.get(url)
        content = response.content.decode()
        assert response.status_code == 200, url
        assert ONCE in content, url
        assert TWICE not in content, url
    public = client.get(helpers.fresh(page).url).content.decode()
    assert f"<h1>{ONCE}</h1>" in public
    assert f"<li>{ONCE}</li>" in public


def test_the_creation_form_stores_plain_text_and_shows_it_once_escaped(world):
    citizen = UserFactory()
    client = core_helpers.client_for(citizen)
    data = core_helpers.form_data(
        world["territories"], title=TEXT, summary=TEXT, needs_text=TEXT, description=TEXT
    )

    refused = client.post("/initiatives/nouvelle/", {**data, "territories": []})
    assert refused.status_code == 400
    assert f'name="title" value="{ONCE}"' in refused.content.decode()
    assert TWICE not in refused.content.decode()

    response = client.post("/initiatives/nouvelle/", data)
    assert response.status_code == 302
    created = InitiativePage.objects.get(owner=citizen)
    assert created.title == TEXT
    assert created.summary == TEXT
    assert needs_of(created.needs) == [TEXT]
    assert created.description == f"<p>{ONCE}</p>"
    edit_page = client.get(helpers.edit_url(created)).content.decode()
    assert ONCE in edit_page
    assert TWICE not in edit_page


@pytest.mark.parametrize(
    "typed",
    [
        TEXT,
        'Tom & Jerry, 5 > 3, « guillemets » et "doubles", l\'apostrophe',
        "Du <b>gras</b> & de l'<em>italique</em>",
        "Écrire &lt;b&gt; sans balise",
        "Un\ndeux\n\nTrois & quatre",
        "<h2>Titre & sous-titre</h2>\n\n<ul>\n<li>1 < 2</li>\n<li>a & b</li>\n</ul>",
    ],
)
def test_the_description_reads_back_to_the_same_html(typed):
    stored = clean_description(wrap_paragraphs(typed))
    shown = editable_text(stored)
    assert clean_description(wrap_paragraphs(shown)) == stored
    assert "&amp;" not in shown


def test_text_that_would_read_as_a_tag_stays_escaped_in_the_form():
    stored = clean_description(wrap_paragraphs("Écrire &lt;b&gt; sans balise"))
    assert stored == "<p>Écrire &lt;b&gt; sans balise</p>"
    assert editable_text(stored) == "Écrire &lt;b> sans balise"
