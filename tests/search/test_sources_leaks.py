"""Leak markers: a unique word put in something the public may not see is stored in no document
and found by no engine, neither after the change nor after a full rebuild. Each case then
makes the same thing public (or posts a public twin): the word is found, so the first half of
the test can fail."""

import pytest
from django.urls import reverse

from consultation import moderation as contributions
from forums import moderation
from forums.models import Comment
from initiatives import publication
from initiatives.models import InitiativePage
from moderation.models import Report
from search.rebuild import rebuild_index
from tests import factories
from tests.initiatives.core_helpers import client_for, moderator
from tests.search import sources_helpers as h
from tests.search.sources_helpers import no_leftover_sync  # noqa: F401

pytestmark = pytest.mark.django_db

LINKS = "https://a.example https://b.example"


def fresh(page):
    return type(page).objects.get(pk=page.pk)


def draft_page(world):
    with h.committed():
        factories.StandardPageFactory(parent=world["home"], title="fuitebrouillon", live=False)

    def twin():
        with h.committed():
            return [factories.StandardPageFactory(parent=world["home"], title="fuitebrouillon")]

    return twin


def draft_change(world):
    enjeu = world["enjeu"]
    with h.committed():
        enjeu.short_description = "Changement fuitebrouillon"
        revision = enjeu.save_revision()

    def reveal():
        with h.committed():
            revision.publish()
        return [enjeu]

    return reveal


def draft_initiative(world):
    with h.committed():
        page = factories.InitiativePageFactory(
            parent=world["initiatives"], summary="fuitebrouillon", live=False
        )

    def reveal():
        with h.committed():
            fresh(page).save_revision().publish()
        return [page]

    return reveal


def restricted_page(world):
    with h.committed():
        page = factories.StandardPageFactory(parent=world["home"], intro="fuiteprivee")
        child = factories.StandardPageFactory(parent=page, intro="fuiteprivee")
        restriction = h.restrict(page)

    def reveal():
        with h.committed():
            restriction.delete()
        return [page, child]

    return reveal


def restricted_initiative(world):
    page = h.initiative(world, summary="fuiteprivee")
    with h.committed():
        restriction = h.restrict(page)

    def reveal():
        with h.committed():
            restriction.delete()
        return [page]

    return reveal


def pending_initiative(world):
    with h.committed():
        page = factories.InitiativePageFactory(parent=world["initiatives"], live=False)
    draft = fresh(page)
    draft.summary = "fuiteattente"
    with h.committed():
        publication.save_member_revision(fresh(page), draft, factories.UserFactory())

    def reveal():
        state = publication.open_workflow_state(page)
        task_state = state.current_task_state
        with h.committed():
            task_state.task.specific.on_action(task_state, moderator(), "approve")
        return [page]

    return reveal


def members_only_thread(world):
    page = h.initiative(world)
    thread = h.thread(world, title="fuitemembres", initiative=page, members_only=True)
    comment = h.comment(thread, world["author"], "fuitemembres")

    def reveal():
        with h.committed():
            moderation.set_thread(thread, moderator(), "public")
        return [thread, comment]

    return reveal


def comment_in_a_thread(world, text):
    return h.comment(h.thread(world), world["author"], text)


def hidden_comment(world):
    comment = comment_in_a_thread(world, "fuitemasque")
    with h.committed():
        moderation.hide(comment, moderator(), "Hors sujet.")
    return lambda: restored(comment)


def held_comment(world):
    comment = h.comment(h.thread(world), factories.UserFactory(), f"fuiteattente {LINKS}")
    assert comment.status == Comment.Status.HELD
    return lambda: restored(comment)


def flagged_comment(world):
    comment = comment_in_a_thread(world, "fuitesignale")
    for _ in range(3):
        with h.committed():
            moderation.report(comment, factories.UserFactory(), Report.Reason.SPAM)
    return lambda: restored(comment)


def restored(comment):
    with h.committed():
        moderation.restore(comment, moderator())
    return [comment]


def deleted_comment(world):
    comment = comment_in_a_thread(world, "fuitesupprime")
    with h.committed():
        client_for(world["author"]).post(reverse("forums:comment-delete", args=[comment.pk]))

    def twin():
        return [h.comment(comment.forum_thread, world["author"], "fuitesupprime")]

    return twin


def unpublished_enjeu_thread(world):
    thread = h.thread(world, title="fuiteenjeu")
    comment = h.comment(thread, world["author"], "fuiteenjeu")
    with h.committed():
        world["enjeu"].unpublish()
    later = h.thread(world, title="fuiteenjeu")

    def reveal():
        with h.committed():
            fresh(world["enjeu"]).save_revision().publish()
        return [thread, comment, later]

    return reveal


def unpublished_initiative_thread(world):
    page = h.initiative(world)
    thread = h.thread(world, title="fuiteinitiative", initiative=page)
    comment = h.comment(thread, world["author"], "fuiteinitiative")
    with h.committed():
        InitiativePage.objects.get(pk=page.pk).unpublish()

    def reveal():
        with h.committed():
            fresh(page).save_revision().publish()
        return [thread, comment]

    return reveal


def contribution(world, text, status):
    with h.committed():
        return factories.ContributionFactory(territory=world["territory"], text=text, status=status)


def pending_contribution(world):
    created = contribution(world, "fuiteattente", "pending")
    return lambda: published(created)


def hidden_contribution(world):
    created = contribution(world, "fuitemasque", "published")
    with h.committed():
        contributions.hide([created], moderator(), "Propos injurieux.")
    return lambda: published(created)


def rejected_contribution(world):
    created = contribution(world, "fuiterejet", "published")
    with h.committed():
        contributions.reject([created], moderator(), "Hors sujet.")
    return lambda: published(created)


def published(created):
    with h.committed():
        contributions.publish([created], moderator())
    return [created]


def build_world():
    """The indexed tree, built once for the module (the ``world`` fixture: a copy per case)."""
    return h.tree()


CASES = {
    "fuitebrouillon": [draft_page, draft_change, draft_initiative],
    "fuiteprivee": [restricted_page, restricted_initiative],
    "fuiteattente": [pending_initiative, held_comment, pending_contribution],
    "fuitemembres": [members_only_thread],
    "fuitemasque": [hidden_comment, hidden_contribution],
    "fuitesignale": [flagged_comment],
    "fuitesupprime": [deleted_comment],
    "fuiteenjeu": [unpublished_enjeu_thread],
    "fuiteinitiative": [unpublished_initiative_thread],
    "fuiterejet": [rejected_contribution],
}


@pytest.mark.parametrize(
    ("marker", "hide"),
    [(marker, hide) for marker, cases in CASES.items() for hide in cases],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_what_the_public_may_not_see_is_never_found(marker, hide, world, engine):
    reveal = hide(world)
    h.assert_never_found(engine, marker)
    rebuild_index()
    h.assert_never_found(engine, marker)
    shown = reveal()
    assert sorted(h.found(engine, marker)) == sorted(h.key(obj) for obj in shown)
