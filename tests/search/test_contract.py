"""The contract every search engine keeps (search/engines/base.py), run on each engine the
machine reaches (the ``engine`` fixture: the database engine always, Elasticsearch under the
``elasticsearch`` marker). Documents reach the engine as they do on the site: contributions
through the sync (saved, then their on-commit refresh), other kinds as rows handed to
``engine.write``. Queries go through ``search.french.query_words``, as the search page sends
them."""

import factory
import pytest

from consultation import moderation
from search.models import SearchDocument
from tests import factories
from tests.initiatives.core_helpers import moderator
from tests.search import contract_helpers as h

pytestmark = pytest.mark.django_db


def build_world():
    """The places, built once for the module; their own documents are written as the first
    commit after building them would write them (the ``engine`` fixture hands every row to
    the engine of each test)."""
    with h.committed():
        return h.places()


# French matching.


@pytest.mark.parametrize(
    "typed", ["ecole", "école", "Ecole", "ÉCOLE", "écoles", "l'école", "L’ECOLE", "d'écoles"]
)
def test_accents_case_plurals_and_elisions_match(engine, world, typed):
    school = h.contribution(world.territory, "Rouvrir l'école du village fermée en 2019.")
    assert h.key(school) in h.found(engine, typed)


def test_a_plural_without_accents_finds_the_accented_singular(engine, world):
    mobility = h.contribution(world.territory, "La Mobilité en zone rurale reste difficile.")
    assert h.key(mobility) in h.found(engine, "mobilites")


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        ("citoyennes", "Un conseil citoyen dans chaque commune."),
        ("citoyen", "Des réunions citoyennes le samedi."),
        ("solidaires", "Une épicerie solidaire au centre-bourg."),
        ("solidarité", "Plus de solidarités entre voisins."),
        ("vertes", "Des cours d'école plus verts."),
    ],
)
def test_stems_match_plural_and_feminine_forms(engine, world, typed, text):
    contribution = h.contribution(world.territory, text)
    assert h.key(contribution) in h.found(engine, typed)


@pytest.mark.parametrize("typed", ["cole", "col", "coles", "eco"])
def test_no_match_on_a_piece_of_a_word(engine, world, typed):
    """A search matches words, not substrings: « cole » is not in « école »."""
    school = h.contribution(world.territory, "Rouvrir l'école du village.")
    assert h.key(school) not in h.found(engine, typed)


# Ranking and operator.


def test_a_title_match_ranks_before_text_and_tags_matches(engine, world):
    """Even a long title with the word in it beats a short text or a lone tag: the
    shortest documents would win on term frequency alone."""
    in_title = h.contribution(
        world.territory,
        "La cour est trop petite pour les enfants de la commune, il faudrait la repenser.",
        title="Agrandir la cour de l'école maternelle du village et la végétaliser",
    )
    in_text = h.contribution(world.territory, "Une école.", title="Musique")
    in_tags = h.contribution(world.territory, "Le mercredi.", title="Ateliers", tags=["école"])
    in_short_text = h.document(engine, "initiative", "Jardin", text="école")
    keys = h.search(engine, "ecole").keys
    assert keys[0] == h.key(in_title)
    assert set(keys[1:]) == {h.key(in_text), h.key(in_tags), in_short_text}


def test_every_word_is_required(engine, world):
    both = h.contribution(world.territory, "Pas de transport scolaire vers l'école du bourg.")
    h.contribution(world.territory, "L'école du bourg a fermé.")
    h.contribution(world.territory, "Le transport à la demande ne passe jamais.")
    results = h.search(engine, "ecole transport")
    assert results.keys == [h.key(both)]
    assert results.total == 1


def test_no_word_no_result(engine, world):
    h.contribution(world.territory, "Une école.")
    results = h.search(engine, "  ")
    assert (results.keys, results.total) == ([], 0)


# Facets.


@pytest.fixture
def gardens(engine, world):
    """Documents of four kinds about « jardins », and one about something else."""
    w = world
    keys = {
        "revolte": h.key(
            h.contribution(w.territory, "Les jardins familiaux sont à l'abandon.", enjeux=[w.enjeu])
        ),
        "reve": h.key(
            h.contribution(
                w.other_territory,
                "Un jardin partagé par rue.",
                kind="reve",
                enjeux=[w.enjeu, w.other_enjeu],
            )
        ),
        "revolte 2": h.key(h.contribution(w.other_territory, "Le jardin public ferme à 17 h.")),
        "idee": h.document(
            engine,
            "initiative",
            "Jardin partagé de la gare",
            territories=[w.territory, w.other_territory],
            enjeux=[w.enjeu],
            maturity="idee",
        ),
        "activite": h.document(
            engine,
            "initiative",
            "Les jardins de Cocagne",
            territories=[w.territory],
            maturity="activite",
        ),
        "activite 2": h.document(
            engine, "initiative", "Potager", text="Jardins et vergers.", maturity="activite"
        ),
        "thread": h.document(
            engine, "thread", "Quel jardin pour l'école ?", enjeux=[w.other_enjeu]
        ),
    }
    h.contribution(w.territory, "Le verger municipal n'est plus entretenu.", enjeux=[w.enjeu])
    h.document(engine, "initiative", "Verger", territories=[w.territory], maturity="idee")
    return keys


def test_facets_count_the_matching_documents(engine, world, gardens):
    w = world
    results = h.search(engine, "jardin")
    assert set(results.keys) == set(gardens.values())
    assert results.total == 7
    assert results.facets["kind"] == {"revolte": 2, "reve": 1, "initiative": 3, "thread": 1}
    assert results.facets["maturity"] == {"idee": 1, "activite": 2}
    # The initiative of two territories counts in both.
    assert results.facets["territory"] == {w.territory.pk: 3, w.other_territory.pk: 3}
    assert results.facets["enjeu"] == {w.enjeu.pk: 3, w.other_enjeu.pk: 2}


def test_a_kind_filter_narrows_results_and_counts(engine, world, gardens):
    w = world
    results = h.search(engine, "jardin", kind="initiative")
    assert set(results.keys) == {gardens["idee"], gardens["activite"], gardens["activite 2"]}
    assert results.total == 3
    assert results.facets["kind"] == {"initiative": 3}
    assert results.facets["maturity"] == {"idee": 1, "activite": 2}
    assert results.facets["territory"] == {w.territory.pk: 2, w.other_territory.pk: 1}
    assert results.facets["enjeu"] == {w.enjeu.pk: 1}


def test_a_territory_filter_narrows_results_and_counts(engine, world, gardens):
    w = world
    results = h.search(engine, "jardin", territory=w.other_territory.pk)
    assert set(results.keys) == {gardens["reve"], gardens["revolte 2"], gardens["idee"]}
    assert results.total == 3
    assert results.facets["kind"] == {"reve": 1, "revolte": 1, "initiative": 1}
    assert results.facets["territory"] == {w.other_territory.pk: 3, w.territory.pk: 1}
    assert results.facets["enjeu"] == {w.enjeu.pk: 2, w.other_enjeu.pk: 1}


def test_an_enjeu_filter_narrows_results_and_counts(engine, world, gardens):
    w = world
    results = h.search(engine, "jardin", enjeu=w.other_enjeu.pk)
    assert set(results.keys) == {gardens["reve"], gardens["thread"]}
    assert results.facets["kind"] == {"reve": 1, "thread": 1}
    assert results.facets["enjeu"] == {w.other_enjeu.pk: 2, w.enjeu.pk: 1}
    assert results.facets["maturity"] == {}


def test_a_maturity_filter_narrows_results_and_counts(engine, world, gardens):
    results = h.search(engine, "jardin", maturity="activite")
    assert set(results.keys) == {gardens["activite"], gardens["activite 2"]}
    assert results.facets["kind"] == {"initiative": 2}
    assert results.facets["maturity"] == {"activite": 2}


def test_filters_combine(engine, world, gardens):
    w = world
    results = h.search(
        engine, "jardin", kind="initiative", territory=w.other_territory.pk, enjeu=w.enjeu.pk
    )
    assert results.keys == [gardens["idee"]]
    assert results.total == 1


def test_a_filter_matching_nothing_gives_nothing(engine, world, gardens):
    results = h.search(engine, "jardin", maturity="consolidation")
    assert (results.keys, results.total) == ([], 0)


# Pagination.


def test_pages_hold_every_match_once(engine, world):
    with h.committed():
        factories.ContributionFactory.create_batch(
            45, territory=world.territory, text=factory.Iterator(_fountain_texts())
        )
    seen = []
    for page in (1, 2, 3):
        results = h.search(engine, "fontaine", page=page, per_page=20)
        assert results.total == 45
        assert len(results.keys) == (20 if page < 3 else 5)
        seen += results.keys
    assert len(seen) == len(set(seen)) == 45
    beyond = h.search(engine, "fontaine", page=4, per_page=20)
    assert (beyond.keys, beyond.total) == ([], 45)


def _fountain_texts():
    return [f"La fontaine n° {n} de la place ne coule plus depuis {n + 2} mois." for n in range(45)]


# Deletes, moderation and edits.


@pytest.mark.parametrize("decision", ["hide", "reject"])
def test_moderation_removes_a_contribution_at_once(engine, world, decision):
    bench = h.contribution(world.territory, "Il manque des bancs publics.", title="Des bancs")
    assert h.key(bench) in h.found(engine, "bancs")
    with h.committed():
        getattr(moderation, decision)([bench], moderator(), reason="Hors charte.")
    assert h.key(bench) not in h.found(engine, "bancs")
    assert h.search(engine, "bancs").total == 0
    assert h.key(bench) not in h.suggest(engine, "banc")


def test_publishing_again_brings_it_back(engine, world):
    bench = h.contribution(world.territory, "Il manque des bancs publics.")
    with h.committed():
        moderation.hide([bench], moderator(), reason="Hors charte.")
    with h.committed():
        moderation.publish([bench], moderator())
    assert h.key(bench) in h.found(engine, "bancs")


def test_a_pending_contribution_is_never_found(engine, world):
    with h.committed():
        pending = factories.ContributionFactory(
            territory=world.territory, text="Il manque des bancs publics.", status="pending"
        )
    assert h.key(pending) not in h.found(engine, "bancs")


def test_a_deleted_contribution_is_no_longer_found(engine, world):
    bench = h.contribution(world.territory, "Il manque des bancs publics.")
    key = h.key(bench)
    with h.committed():
        bench.delete()
    assert key not in h.found(engine, "bancs")
    assert not SearchDocument.objects.filter(key=key).exists()


def test_an_edit_replaces_the_old_words(engine, world):
    bench = h.contribution(world.territory, "Il manque des bancs publics.")
    with h.committed():
        bench.text = "Il manque des poubelles."
        bench.save()
    assert h.key(bench) not in h.found(engine, "bancs")
    assert h.key(bench) in h.found(engine, "poubelle")


def test_a_removed_document_leaves_the_facets(engine, world):
    bench = h.contribution(world.territory, "Il manque des bancs publics.", kind="reve")
    h.contribution(world.territory, "Les bancs sont cassés.")
    with h.committed():
        moderation.hide([bench], moderator(), reason="Hors charte.")
    results = h.search(engine, "bancs")
    assert results.facets["kind"] == {"revolte": 1}
    assert results.facets["territory"] == {world.territory.pk: 1}


# Hostile queries.

HOSTILE = [
    '"',
    "*",
    "OR 1=1",
    "' OR '1'='1",
    "'); DROP TABLE x;--",
    "\x00",
    "éco\x00le",
    "🙂",
    "école 🙂",
    "école " * 2000,  # 12,000 characters
    "x" * 10_000,
    "!!! ??? ... --- ;;; ///",
    " ".join(f"mot{n}" for n in range(50)),
    "title:école^5 AND (transport OR *)",
    "NEAR(école transport)",
    '"école',
    "école*",
    "-école",
    "\\",
    "%_%",
    "{title} : école",
]


@pytest.fixture
def few(engine, world):
    return {
        h.key(h.contribution(world.territory, "Rouvrir l'école du village.", title="École")),
        h.key(h.contribution(world.territory, "Des bus le dimanche.", title="Transport")),
        h.document(engine, "initiative", "Jardin partagé", text="Un jardin près de l'école."),
    }


@pytest.mark.parametrize("typed", HOSTILE)
def test_hostile_queries_search_as_plain_words(engine, few, typed):
    documents = SearchDocument.objects.count()
    results = h.search(engine, typed)
    assert results.total == len(results.keys) <= 3
    assert set(results.keys) <= few
    suggestions = h.suggest(engine, typed)
    assert len(suggestions) <= 8
    assert set(suggestions) <= set(SearchDocument.objects.values_list("key", flat=True))
    assert SearchDocument.objects.count() == documents


def test_or_1_equals_1_matches_nothing(engine, few):
    assert h.search(engine, "OR 1=1").total == 0
    assert h.search(engine, "' OR '1'='1").total == 0


def test_a_long_paste_is_cut_not_refused(engine, few):
    """The first words of a 12,000-character paste still search: here « école » twelve times."""
    results = h.search(engine, "école " * 2000)
    assert results.total == 2


def test_words_around_control_characters_and_emoji_still_search(engine, few):
    assert h.search(engine, "école 🙂").total == 2
    assert h.search(engine, "jar\x00din").total == 0  # two words, « jar » and « din »


# Suggestions.


def test_suggest_a_title_word_prefix_folded(engine, world):
    school = h.contribution(world.territory, "La cour est trop petite.", title="École du quartier")
    for typed in ("eco", "éco", "ECO", "École", "quart", "ecole quart"):
        assert h.suggest(engine, typed) == [h.key(school)], typed


def test_suggest_ignores_text_and_pieces_of_words(engine, world):
    h.contribution(world.territory, "Une école plus grande.", title="Agrandir la cour")
    h.contribution(world.territory, "Une cour plus grande.", title="Agrandir l'école")
    assert h.suggest(engine, "cole") == []
    assert h.suggest(engine, "gran") == []


def test_suggest_respects_the_limit_and_names_existing_documents(engine, world):
    with h.committed():
        factories.ContributionFactory.create_batch(
            12,
            territory=world.territory,
            title=factory.Sequence(lambda n: f"Écologie au quotidien n° {n}"),
            text="Trier, composter, réparer.",
        )
    suggestions = h.suggest(engine, "ecolo", limit=5)
    assert len(suggestions) == 5
    assert len(set(suggestions)) == 5
    assert SearchDocument.objects.filter(key__in=suggestions).count() == 5
    assert len(h.suggest(engine, "ecolo", limit=50)) == 12


def test_suggest_nothing_for_no_word(engine, world):
    h.contribution(world.territory, "Une école.", title="École")
    assert h.suggest(engine, "") == []
    assert h.suggest(engine, "…") == []
