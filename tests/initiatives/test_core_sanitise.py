"""The description is cleaned again when shown, whatever path stored it."""

from initiatives.models import InitiativePage
from initiatives.sanitise import clean_description, wrap_paragraphs


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


def test_text_with_block_tags_is_not_wrapped_again():
    assert wrap_paragraphs("<h2>Titre</h2>\n\n<p>Texte</p>") == "<h2>Titre</h2>\n\n<p>Texte</p>"


def test_a_lone_angle_bracket_stays_text():
    assert clean_description(wrap_paragraphs("a < b")) == "<p>a &lt; b</p>"
