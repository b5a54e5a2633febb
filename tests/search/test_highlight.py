"""The highlighter marks what the search matched (stems, folded accents, the last word as a
prefix), escapes everything else, and cuts excerpts around the first match."""

from django.utils.safestring import SafeString

from search.highlight import ELLIPSIS, excerpt, highlight


def test_a_word_is_marked_when_its_stem_is_a_query_word_stem():
    marked = highlight("Les mobilités douces et la Mobilité", ["mobilites"])
    assert str(marked) == "Les <mark>mobilités</mark> douces et la <mark>Mobilité</mark>"


def test_accents_and_case_do_not_matter():
    assert str(highlight("L'École du village", ["ecole"])) == "L&#x27;<mark>École</mark> du village"


def test_the_last_query_word_also_marks_the_words_it_starts():
    assert (
        str(highlight("La Coopérative solaire", ["coop"])) == "La <mark>Coopérative</mark> solaire"
    )


def test_an_earlier_query_word_is_not_taken_as_a_prefix():
    marked = str(highlight("La Coopérative des écoles", ["coop", "ecole"]))
    assert marked == "La Coopérative des <mark>écoles</mark>"


def test_a_one_letter_last_word_marks_only_itself():
    assert str(highlight("Avec a et abc", ["a"])) == "Avec <mark>a</mark> et abc"


def test_markup_in_the_text_comes_out_as_text():
    marked = highlight('<script>alert("école")</script> & <b>', ["ecole", "script"])
    assert isinstance(marked, SafeString)
    assert str(marked) == (
        "&lt;<mark>script</mark>&gt;alert(&quot;<mark>école</mark>&quot;)"
        "&lt;/<mark>script</mark>&gt; &amp; &lt;b&gt;"
    )


def test_without_words_the_text_is_only_escaped():
    assert str(highlight("<i>Titre</i>", [])) == "&lt;i&gt;Titre&lt;/i&gt;"
    assert str(highlight("", ["mot"])) == ""


def test_a_short_text_is_the_whole_excerpt_with_its_spaces_tidied():
    assert str(excerpt("Un   vélo\n\npour   tous", ["velo"])) == "Un <mark>vélo</mark> pour tous"


def long_text():
    before = " ".join(f"avant{n}" for n in range(100))
    after = " ".join(f"apres{n}" for n in range(100))
    return f"{before} la mobilité douce {after}"


def test_the_excerpt_is_a_window_around_the_first_match_cut_between_words():
    text = long_text()
    cut = str(excerpt(text, ["mobilites"], length=120))
    assert cut.startswith(ELLIPSIS + " avant") and cut.endswith(" " + ELLIPSIS)
    assert "<mark>mobilité</mark>" in cut
    inner = cut.removeprefix(ELLIPSIS + " ").removesuffix(" " + ELLIPSIS)
    # Whole words only: each word of the window is a word of the text.
    words = set(text.split())
    assert all(word in words for word in inner.replace("<mark>", "").replace("</mark>", "").split())
    assert len(inner.replace("<mark>", "").replace("</mark>", "")) <= 120
    # The match sits about a third into the window, not at its edge.
    assert 20 < inner.index("<mark>") < 80


def test_without_a_match_the_excerpt_is_the_start_of_the_text():
    cut = str(excerpt(long_text(), ["introuvable"], length=60))
    assert cut.startswith("avant0 avant1") and cut.endswith(ELLIPSIS)
    assert not cut.startswith(ELLIPSIS)


def test_a_match_at_the_very_end_keeps_a_full_window():
    text = long_text() + " conclusion"
    cut = str(excerpt(text, ["conclusion"], length=100))
    assert cut.startswith(ELLIPSIS) and cut.endswith("<mark>conclusion</mark>")
    assert len(cut) > 80


def test_the_excerpt_escapes_the_text():
    text = "x " * 200 + "<script>alert(1)</script> vélo " + "y " * 200
    cut = str(excerpt(text, ["velo"], length=80))
    assert "<script>" not in cut
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>vélo</mark>" in cut


def test_an_empty_text_has_an_empty_excerpt():
    assert str(excerpt("", ["mot"])) == ""
    assert str(excerpt(None, ["mot"])) == ""
