"""French text as the search compares it (search/french.py): folding, Snowball stems, the words
of a visitor's query. Plain functions, no database."""

import unicodedata

import pytest

from search import french


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("École", "ecole"),
        ("ÉCOLE", "ecole"),
        ("Mobilité à Montbéliard", "mobilite a montbeliard"),
        ("Œuvre", "oeuvre"),
        ("cœur", "coeur"),
        ("Lætitia", "laetitia"),
        ("ÆSOPE", "aesope"),
        ("Straße", "strasse"),  # casefold, not lower
        ("ça, où, île, ñ", "ca, ou, ile, n"),
    ],
)
def test_fold_removes_case_accents_and_ligatures(text, folded):
    assert french.fold(text) == folded


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("école", "ecol"),
        ("écoles", "ecol"),
        ("Ecole", "ecol"),
        ("ÉCOLE", "ecol"),
        ("Mobilité", "mobilit"),
        ("mobilites", "mobilit"),
        ("citoyen", "citoyen"),
        ("citoyennes", "citoyen"),  # feminine plural
        ("solidaire", "solidair"),
        ("solidaires", "solidair"),
        ("vertes", "vert"),
        ("transports", "transport"),
        ("œuvre", "oeuvr"),
    ],
)
def test_stem_folds_then_stems(word, stem):
    assert french.stem(word) == stem


def test_words_of_one_family_may_keep_different_stems():
    """Snowball is no lemmatiser: « solidaire » and « solidarité » stay apart."""
    assert french.stem("solidaires") != french.stem("solidarité")
    assert french.stem("solidarité") == french.stem("solidarités") == "solidarit"


def test_stems_is_the_text_as_sqlite_indexes_it():
    assert french.stems("L'École des Mobilités, d’été") == "ecol de mobilit ete"


def test_stems_of_empty_or_punctuation_is_empty():
    assert french.stems("") == ""
    assert french.stems(" !?… «»—") == ""


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("l'école", ["école"]),
        ("l’école", ["école"]),  # curly apostrophe
        ("L'ÉCOLE", ["ÉCOLE"]),
        ("d'accord, qu'il m'a dit", ["accord", "il", "a", "dit"]),
        ("jusqu'à lorsqu'on puisqu'elle quoiqu'il", ["à", "on", "elle", "il"]),
        ("s'il n'y a t'as c'est j'ai", ["il", "y", "a", "as", "est", "ai"]),
        # No elision inside a word.
        ("aujourd'hui", ["aujourd", "hui"]),
        ("école transport", ["école", "transport"]),
    ],
)
def test_query_words_drop_elided_articles(text, words):
    assert french.query_words(text, 200) == words


def test_query_words_keep_ligatures_for_the_engines_to_fold():
    assert french.query_words("cœur d’œuvre", 200) == ["cœur", "œuvre"]
    assert french.stem("cœur") == french.stem("coeur")


def test_query_words_compose_combining_accents():
    """« école » typed with a combining accent is still one word, with the stem of « école »."""
    decomposed = unicodedata.normalize("NFD", "l'école")
    assert decomposed != "l'école"
    assert french.query_words(decomposed, 200) == ["école"]
    assert french.stems(decomposed) == "ecol"


def test_query_words_keep_at_most_twelve_words():
    text = " ".join(f"mot{n}" for n in range(50))
    assert french.query_words(text, 10_000) == [f"mot{n}" for n in range(french.MAX_QUERY_WORDS)]
    assert french.MAX_QUERY_WORDS == 12


def test_query_words_cut_the_text_at_max_length_first():
    assert french.query_words("a" * 10_000, 200) == ["a" * 200]
    assert french.query_words("école transport", 8) == ["école", "tr"]


@pytest.mark.parametrize(
    "text",
    ['"', "*", "''", "’", "!!! ... ???", "-- ; /* */", "\x00", "🙂🙂", "   ", ""],
)
def test_query_words_of_punctuation_only_are_none(text):
    assert french.query_words(text, 200) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("OR 1=1", ["OR", "1", "1"]),
        ("'); DROP TABLE x;--", ["DROP", "TABLE", "x"]),
        ('"école" AND transport*', ["école", "AND", "transport"]),
        ("éco\x00le 🙂 vélo", ["éco", "le", "vélo"]),
        ("title:école^5 (a|b)", ["title", "école", "5", "a", "b"]),
    ],
)
def test_query_words_are_only_words(text, words):
    """Operators, quotes, wildcards and control characters never reach an engine."""
    assert french.query_words(text, 200) == words
