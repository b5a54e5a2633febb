"""The description is cleaned again when shown, whatever path stored it."""

from initiatives.models import InitiativePage
from initiatives.sanitise import clean_description, editable_text, wrap_paragraphs


def test_description_html_cleans_text_stored_without_the_form(db):
    page = InitiativePage(
        description='<p onclick="x()">Bonjour <a href="javascript:alert(1)">ici</a></p>'
        "<script>1</script>"
    )
    html = str(page.description_html())
    assert "onclick" not in html and "javascript:" not in html and "<script" not in html
    assert html.startswith("<p>Bonjour")


def test_links_get_rel_nofollow_ugc_noopener():
    html = clean_description('<p><a href="https://exemple.fr" target="_blank">x</a></p>')
    assert html == '<p><a href="https://exemple.fr" rel="nofollow ugc noopener">x</a></p>'


def test_blocks_already_tagged_are_kept_and_plain_ones_become_paragraphs():
    assert wrap_paragraphs("<h2>Titre</h2>\n\nTexte\nsuite") == (
        "<h2>Titre</h2><p>Texte<br>suite</p>"
    )


STORED = (
    "<p>Le repair café <b>avec</b> un<br>bénévole</p><h2>Ce qu’on répare</h2>"
    "<ul><li>petit électroménager</li><li>vélos</li></ul>"
    '<p>Voir <a href="https://exemple.fr" rel="nofollow ugc noopener">le site</a></p>'
)


def test_the_form_shows_paragraphs_as_plain_text():
    text = editable_text(STORED)
    assert text.startswith("Le repair café <b>avec</b> un\nbénévole\n\n<h2>")
    assert "<ul>\n<li>petit électroménager</li>\n<li>vélos</li>\n</ul>" in text


def test_editing_without_changes_gives_back_the_same_html():
    assert clean_description(wrap_paragraphs(editable_text(STORED))) == STORED


def test_html_that_is_not_a_sequence_of_blocks_is_shown_as_it_is():
    nested = "<ul><li>a<ul><li>b</li></ul></li></ul>"
    assert editable_text(nested) == nested
    assert editable_text("texte libre<p>x</p>") == "texte libre<p>x</p>"


def test_a_lone_angle_bracket_stays_text():
    assert clean_description(wrap_paragraphs("a < b")) == "<p>a &lt; b</p>"
