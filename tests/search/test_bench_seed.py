"""The search benchmark's comments (bench/seed_search.py): topped up to a total, in threads of
every published enjeu, in varied French whose words come in several forms, with no search
document written while seeding, and all of them searchable once the index is rebuilt."""

import random

import factory
import pytest

from bench import seed_search
from forums.models import Comment, Thread
from search import french
from search.models import SearchDocument
from search.rebuild import rebuild_index
from tests import factories

pytestmark = pytest.mark.django_db


def build_world():
    """Two enjeux, a territory and the seeder's authors, built once for the module."""
    home = factories.site_with_home_page()
    index = factories.EnjeuIndexPageFactory(parent=home)
    enjeux = factories.EnjeuPageFactory.create_batch(2, parent=index)
    territories = factories.TerritoryIndexPageFactory(parent=home)
    factories.TerritoryPageFactory(parent=territories)
    # The seeder's authors: the citizens the other bench seeders create.
    factories.UserFactory.create_batch(3, username=factory.Sequence(lambda n: f"banc{n}"))
    return enjeux


@pytest.fixture
def forums(world):
    return world


def test_comments_are_topped_up_to_the_total(forums, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        seed_search.seed(300)
    assert Comment.objects.count() == 300
    threads = Thread.objects.all()
    assert {thread.page_id for thread in threads} == {enjeu.pk for enjeu in forums}
    assert all(thread.slug and thread.body_html for thread in threads)
    # Bulk-inserted: nothing reached the search while seeding.
    assert not SearchDocument.objects.filter(kind__in=["thread", "comment"]).exists()
    seed_search.seed(300)
    assert Comment.objects.count() == 300


def test_seeded_comments_are_searchable_after_a_rebuild(forums):
    seed_search.seed(120)
    rebuild_index()
    shown = Comment.objects.published().count()
    assert SearchDocument.objects.filter(kind="comment").count() == shown == 120
    assert SearchDocument.objects.filter(kind="thread").count() == Thread.objects.count()


def test_texts_vary_and_bring_several_forms_of_a_word():
    pool = seed_search.text_pool(random.Random(1), size=500)
    assert len(set(pool)) > 450
    words = {word.casefold() for text in pool for word in french.query_words(text, 10_000)}
    for forms in (("école", "écoles"), ("solidaire", "solidaires"), ("citoyennes", "citoyens")):
        assert set(forms) <= words
        assert len({french.stem(form) for form in forms}) == 1


def test_verbs_agree_with_their_subject():
    rng = random.Random(2)
    for _ in range(200):
        text = seed_search.sentence(rng)
        subject = next(s for s, _ in seed_search.SUBJECTS if s in text.casefold())
        plural = dict(seed_search.SUBJECTS)[subject]
        assert any(p[plural] in text for p in seed_search.PREDICATES), text
        assert not any(p[not plural] in text for p in seed_search.PREDICATES), text


def test_one_comment_in_rare_every_has_the_rare_word():
    write = seed_search.writer(["Un texte."])
    texts = [write(random.Random(3)) for _ in range(2 * seed_search.RARE_EVERY)]
    rare = [text for text in texts if seed_search.RARE_WORD in text]
    assert len(rare) == 2


def test_most_threads_go_to_enjeu_forums():
    rng = random.Random(4)
    chosen = [seed_search.forum(rng, ["enjeu"], ["initiative"]) for _ in range(2000)]
    in_initiatives = sum(initiative is not None for _enjeu, initiative in chosen)
    assert 0.15 < in_initiatives / len(chosen) < 0.25
    assert seed_search.forum(rng, [], ["initiative"]) == (None, "initiative")
    assert seed_search.forum(rng, ["enjeu"], []) == ("enjeu", None)
