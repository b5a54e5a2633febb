"""Moderators keep the last word: a porteur hides and restores only what a porteur of the
initiative hid; what a Modérateur hid, what the reports hid automatically and what waits for a
moderator are for the Modérateurs; a porteur's decision never resolves reports (they stay in
the moderators' queue); nobody restores their own hidden comment."""

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from forums import moderation
from forums.models import Comment
from moderation.models import Report
from tests import factories

from . import moderation_helpers as helpers
from .core_helpers import client_for, comment, moderator

pytestmark = pytest.mark.django_db


def build_world():
    w = helpers.reported_world()
    w.co_porteur = factories.MembershipFactory(initiative=w.initiative).user
    # The porteur's own comment in their initiative's thread.
    w.porteur_comment = comment(w.initiative_thread, w.porteur, "Un message de la porteuse.")
    return w


def hide_url(target):
    return reverse("forums:comment-hide", args=[target.pk])


def restore_url(target):
    return reverse("forums:comment-restore", args=[target.pk])


def status_of(target):
    return helpers.fresh_comment(target).status


def open_reports(target):
    return helpers.reports_of(target).filter(status=Report.Status.OPEN).count()


def flag(target):
    """``FORUM_FLAGS_TO_HIDE`` members report ``target``: it is hidden automatically."""
    for reporter in helpers.reporters(settings.FORUM_FLAGS_TO_HIDE):
        helpers.report(target, reporter)
    assert status_of(target) == Comment.Status.FLAGGED


def thread_page(user, thread):
    return client_for(user).get(thread.get_absolute_url()).content.decode()


def moderation_block(content, target):
    start = content.index(f'id="moderation-c{target.pk}"')
    return content[start : content.index("</div>", start)]


# Who hid it is recorded.


def test_a_moderators_hide_is_recorded_as_a_moderators(world):
    moderation.hide(world.initiative_comment, moderator(), "Hors sujet.")

    assert helpers.fresh_comment(world.initiative_comment).hidden_by_role == "moderator"


def test_a_porteurs_hide_is_recorded_as_a_porteurs(world):
    moderation.hide(world.initiative_comment, world.porteur, "Hors sujet.")

    assert helpers.fresh_comment(world.initiative_comment).hidden_by_role == "porteur"


def test_a_hide_after_reports_is_recorded_as_automatic(world):
    flag(world.initiative_comment)

    assert helpers.fresh_comment(world.initiative_comment).hidden_by_role == "automatic"


def test_showing_a_comment_again_forgets_who_hid_it(world):
    moderation.hide(world.initiative_comment, world.porteur, "Hors sujet.")
    moderation.restore(world.initiative_comment, world.porteur)

    assert helpers.fresh_comment(world.initiative_comment).hidden_by_role == ""


# A comment a Modérateur hid.


def test_a_porteur_cannot_restore_a_comment_a_moderator_hid(world):
    moderation.hide(world.initiative_comment, moderator(), "Propos injurieux.")

    response = client_for(world.porteur).post(restore_url(world.initiative_comment))

    assert response.status_code == 403
    assert status_of(world.initiative_comment) == Comment.Status.HIDDEN
    with pytest.raises(PermissionDenied):
        moderation.restore(world.initiative_comment, world.porteur)


def test_a_porteur_cannot_restore_their_own_comment_a_moderator_hid(world):
    moderation.hide(world.porteur_comment, moderator(), "Propos injurieux.")

    response = client_for(world.porteur).post(restore_url(world.porteur_comment))

    assert response.status_code == 403
    assert status_of(world.porteur_comment) == Comment.Status.HIDDEN


def test_a_moderator_restores_a_comment_a_moderator_hid(world):
    moderation.hide(world.initiative_comment, moderator(), "Erreur.")

    response = client_for(moderator()).post(restore_url(world.initiative_comment))

    assert response.status_code == 302
    assert status_of(world.initiative_comment) == Comment.Status.PUBLISHED


# A comment the reports hid automatically.


def test_a_porteur_cannot_restore_a_comment_the_reports_hid(world):
    flag(world.initiative_comment)

    response = client_for(world.porteur).post(restore_url(world.initiative_comment))

    assert response.status_code == 403
    assert status_of(world.initiative_comment) == Comment.Status.FLAGGED
    assert open_reports(world.initiative_comment) == settings.FORUM_FLAGS_TO_HIDE


def test_a_porteur_cannot_keep_hidden_a_comment_the_reports_hid(world):
    """Keeping it hidden would turn it into a porteur's hide, which they could then restore,
    and resolve its reports."""
    flag(world.initiative_comment)

    response = client_for(world.porteur).post(
        hide_url(world.initiative_comment), {"reason": "Je confirme."}
    )

    assert response.status_code == 403
    comment_now = helpers.fresh_comment(world.initiative_comment)
    assert comment_now.status == Comment.Status.FLAGGED
    assert comment_now.hidden_by_role == "automatic"
    assert open_reports(world.initiative_comment) == settings.FORUM_FLAGS_TO_HIDE


def test_a_comment_the_reports_hid_stays_in_the_moderators_queue(world):
    flag(world.initiative_comment)
    client_for(world.porteur).post(restore_url(world.initiative_comment))

    response = client_for(moderator()).get(reverse("forums_moderation_queue"))

    assert response.status_code == 200
    assert "Un message d&#x27;initiative." in response.content.decode()


def test_a_moderator_restores_a_comment_the_reports_hid_and_resolves_them(world):
    flag(world.initiative_comment)
    mod = moderator()

    moderation.restore(world.initiative_comment, mod)

    assert status_of(world.initiative_comment) == Comment.Status.PUBLISHED
    assert open_reports(world.initiative_comment) == 0


# A comment a porteur hid.


def test_a_porteur_restores_a_comment_a_porteur_hid(world):
    moderation.hide(world.initiative_comment, world.co_porteur, "Hors sujet.")

    response = client_for(world.porteur).post(restore_url(world.initiative_comment))

    assert response.status_code == 302
    assert status_of(world.initiative_comment) == Comment.Status.PUBLISHED


def test_the_author_cannot_restore_their_own_comment_a_porteur_hid(world):
    moderation.hide(world.porteur_comment, world.co_porteur, "Hors sujet.")

    response = client_for(world.porteur).post(restore_url(world.porteur_comment))

    assert response.status_code == 403
    assert status_of(world.porteur_comment) == Comment.Status.HIDDEN
    client_for(world.co_porteur).post(restore_url(world.porteur_comment))
    assert status_of(world.porteur_comment) == Comment.Status.PUBLISHED


def test_a_moderator_cannot_restore_their_own_hidden_comment(world):
    mod = moderator()
    own = comment(world.enjeu_thread, mod, "Un message de modératrice.")
    moderation.hide(own, moderator(), "Hors sujet.")

    response = client_for(mod).post(restore_url(own))

    assert response.status_code == 403
    assert status_of(own) == Comment.Status.HIDDEN


def test_a_porteurs_hide_and_restore_leave_the_reports_open(world):
    helpers.report(world.initiative_comment, helpers.reporters(1)[0])

    moderation.hide(world.initiative_comment, world.porteur, "Hors sujet.")
    assert open_reports(world.initiative_comment) == 1
    response = client_for(world.porteur).post(restore_url(world.initiative_comment))

    assert response.status_code == 302
    assert status_of(world.initiative_comment) == Comment.Status.PUBLISHED
    assert open_reports(world.initiative_comment) == 1


def test_a_moderators_hide_resolves_the_reports(world):
    helpers.report(world.initiative_comment, helpers.reporters(1)[0])

    moderation.hide(world.initiative_comment, moderator(), "Hors sujet.")

    assert open_reports(world.initiative_comment) == 0


def test_a_moderator_takes_back_a_comment_a_porteur_hid(world):
    moderation.hide(world.initiative_comment, world.porteur, "Hors sujet.")

    moderation.restore(world.initiative_comment, moderator())

    assert status_of(world.initiative_comment) == Comment.Status.PUBLISHED


# A comment held for a moderator.


def test_a_porteur_cannot_publish_a_held_comment(world):
    newcomer = factories.UserFactory()
    held = comment(world.initiative_thread, newcomer, "https://a.example https://b.example")
    assert held.status == Comment.Status.HELD

    response = client_for(world.porteur).post(restore_url(held))
    hidden = client_for(world.porteur).post(hide_url(held), {"reason": "À voir."})

    assert response.status_code == 403
    assert hidden.status_code == 403
    assert status_of(held) == Comment.Status.HELD


# The thread page shows each one only what they may do.


def test_the_page_offers_a_porteur_no_restore_of_a_moderators_hide(world):
    moderation.hide(world.initiative_comment, moderator(), "Propos injurieux.")
    moderation.hide(world.porteur_comment, world.co_porteur, "Hors sujet.")
    flagged = comment(world.initiative_thread, world.member, "Un troisième message.")
    flag(flagged)

    content = thread_page(world.co_porteur, world.initiative_thread)

    mod_hidden = moderation_block(content, world.initiative_comment)
    assert "data-restore-comment" not in mod_hidden
    assert "Seuls les modérateurs peuvent le rétablir." in mod_hidden
    auto_hidden = moderation_block(content, flagged)
    assert "data-restore-comment" not in auto_hidden
    assert "data-hide-comment" not in auto_hidden
    assert "data-restore-comment" in moderation_block(content, world.porteur_comment)


def test_the_page_offers_a_moderator_every_restore(world):
    moderation.hide(world.initiative_comment, moderator(), "Propos injurieux.")
    flagged = comment(world.initiative_thread, world.member, "Un troisième message.")
    flag(flagged)

    content = thread_page(moderator(), world.initiative_thread)

    assert "data-restore-comment" in moderation_block(content, world.initiative_comment)
    assert "data-restore-comment" in moderation_block(content, flagged)
    assert "data-hide-comment" in moderation_block(content, flagged)


def test_a_reported_comment_a_porteur_hid_stays_in_the_moderators_queue(world):
    helpers.report(world.initiative_comment, helpers.reporters(1)[0])
    moderation.hide(world.initiative_comment, world.porteur, "Hors sujet.")

    response = client_for(moderator()).get(reverse("forums_moderation_queue") + "?show=reported")

    assert f'data-queue-comment="{world.initiative_comment.pk}"' in response.content.decode()
