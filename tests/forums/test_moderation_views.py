"""Moderation from the public site: reporting a comment, hiding and restoring it, the thread
settings; who may do it (porteurs on their own initiative's threads only), plain forms and
htmx fragments, bad input."""

import pytest
from django.test import Client
from django.urls import reverse

from forums import moderation
from forums.models import Comment
from moderation.models import Report

from . import moderation_helpers as helpers
from .core_helpers import client_for, moderator

pytestmark = pytest.mark.django_db


def build_world():
    """The moderation tests' world (``reported_world()``), built once for the module."""
    return helpers.reported_world()


HTMX = {"HTTP_HX_REQUEST": "true"}


def report_url(target):
    return reverse("forums:comment-report", args=[target.pk])


def hide_url(target):
    return reverse("forums:comment-hide", args=[target.pk])


def restore_url(target):
    return reverse("forums:comment-restore", args=[target.pk])


def settings_url(thread):
    return reverse("forums:thread-settings", args=[thread.pk])


def report_data(**overrides):
    return {"reason": Report.Reason.OFFENSIVE, "details": "Il insulte un voisin.", **overrides}


# Reporting.


def test_a_citizen_sees_the_report_form_of_a_comment(world):
    response = client_for(world.citizen).get(report_url(world.enjeu_comment))

    assert response.status_code == 200
    assert b"Un message \xc3\xa0 mod\xc3\xa9rer." in response.content
    assert b'name="reason"' in response.content


def test_an_anonymous_visitor_is_sent_to_log_in_to_report(world):
    response = Client().get(report_url(world.enjeu_comment))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_reporting_stores_the_report_and_goes_back_to_the_comment(world):
    response = client_for(world.citizen).post(report_url(world.enjeu_comment), report_data())

    assert response.status_code == 302
    assert response["Location"].endswith(f"#c{world.enjeu_comment.pk}")
    stored = helpers.reports_of(world.enjeu_comment).get()
    assert (stored.reporter, stored.reason, stored.details) == (
        world.citizen,
        Report.Reason.OFFENSIVE,
        "Il insulte un voisin.",
    )


def test_a_report_without_a_reason_is_refused_and_keeps_the_typed_details(world):
    response = client_for(world.citizen).post(
        report_url(world.enjeu_comment), report_data(reason="")
    )

    assert response.status_code == 400
    assert "Il insulte un voisin." in response.content.decode()
    assert not helpers.reports_of(world.enjeu_comment).exists()


def test_report_details_longer_than_1000_characters_are_refused(world):
    response = client_for(world.citizen).post(
        report_url(world.enjeu_comment), report_data(details="x" * 1001)
    )

    assert response.status_code == 400
    assert not helpers.reports_of(world.enjeu_comment).exists()


def test_reporting_a_comment_twice_stores_one_report_and_says_so(world):
    client = client_for(world.citizen)
    client.post(report_url(world.enjeu_comment), report_data())

    response = client.post(report_url(world.enjeu_comment), report_data(), follow=True)

    assert helpers.reports_of(world.enjeu_comment).count() == 1
    assert "already reported" in response.content.decode() or "déjà signalé" in (
        response.content.decode()
    )


def test_an_author_cannot_report_their_own_comment(world):
    response = client_for(world.author).post(report_url(world.enjeu_comment), report_data())

    assert response.status_code == 403
    assert not helpers.reports_of(world.enjeu_comment).exists()


def test_three_members_reporting_through_the_site_hide_the_comment_pending_review(world):
    for reporter in helpers.reporters(3):
        client_for(reporter).post(report_url(world.enjeu_comment), report_data())

    assert helpers.fresh_comment(world.enjeu_comment).status == Comment.Status.FLAGGED


def test_a_comment_hidden_by_the_moderation_cannot_be_reported_and_does_not_show(world):
    moderation.hide(world.enjeu_comment, moderator(), "Hors sujet.")

    response = client_for(world.citizen).get(report_url(world.enjeu_comment))

    assert response.status_code == 404


def test_a_comment_of_a_members_only_thread_cannot_be_reported_by_a_non_member(world):
    moderation.set_thread(world.initiative_thread, world.porteur, "members_only")

    response = client_for(world.citizen).post(report_url(world.initiative_comment), report_data())

    assert response.status_code == 404
    assert not helpers.reports_of(world.initiative_comment).exists()


def test_the_htmx_report_form_is_a_fragment_swapped_in_place(world):
    response = client_for(world.citizen).get(report_url(world.enjeu_comment), **HTMX)

    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert f'hx-target="#moderation-c{world.enjeu_comment.pk}"' in content


def test_an_htmx_report_answers_with_a_thank_you_fragment(world):
    response = client_for(world.citizen).post(
        report_url(world.enjeu_comment), report_data(), **HTMX
    )

    assert response.status_code == 200
    assert f'data-reported="{world.enjeu_comment.pk}"' in response.content.decode()
    assert helpers.reports_of(world.enjeu_comment).count() == 1


def test_an_invalid_htmx_report_answers_400_with_the_form_and_the_typed_details(world):
    response = client_for(world.citizen).post(
        report_url(world.enjeu_comment), report_data(reason=""), **HTMX
    )

    assert response.status_code == 400
    assert "<html" not in response.content.decode()
    assert "Il insulte un voisin." in response.content.decode()


# Hiding and restoring.


def test_a_moderator_hides_a_comment_from_the_thread_page(world):
    mod = moderator()
    thread_url = world.enjeu_thread.get_absolute_url()

    response = client_for(mod).post(
        hide_url(world.enjeu_comment), {"reason": "Propos blessants.", "next": thread_url}
    )

    assert response.status_code == 302
    assert response["Location"] == f"{thread_url}#c{world.enjeu_comment.pk}"
    hidden = helpers.fresh_comment(world.enjeu_comment)
    assert (hidden.status, hidden.hidden_reason, hidden.moderated_by) == (
        Comment.Status.HIDDEN,
        "Propos blessants.",
        mod,
    )


def test_hiding_goes_back_to_a_page_of_this_site_only(world):
    response = client_for(moderator()).post(
        hide_url(world.enjeu_comment), {"reason": "Hors sujet.", "next": "https://evil.example/"}
    )

    assert response["Location"].startswith(world.enjeu_thread.get_absolute_url())


def test_hiding_without_a_reason_answers_400_and_changes_nothing(world):
    response = client_for(moderator()).post(hide_url(world.enjeu_comment), {"reason": "  "})

    assert response.status_code == 400
    assert helpers.fresh_comment(world.enjeu_comment).status == Comment.Status.PUBLISHED


def test_a_reason_too_long_answers_400_and_keeps_the_typed_text(world):
    reason = "Trop long. " * 60

    response = client_for(moderator()).post(hide_url(world.enjeu_comment), {"reason": reason})

    assert response.status_code == 400
    assert reason.strip() in response.content.decode()
    assert helpers.fresh_comment(world.enjeu_comment).status == Comment.Status.PUBLISHED


def test_a_moderator_gets_the_hide_form_page(world):
    response = client_for(moderator()).get(hide_url(world.enjeu_comment))

    assert response.status_code == 200
    assert b"data-hide-comment" in response.content


def test_a_citizen_cannot_hide_a_comment(world):
    response = client_for(world.citizen).post(
        hide_url(world.enjeu_comment), {"reason": "Je n'aime pas."}
    )

    assert response.status_code == 403
    assert helpers.fresh_comment(world.enjeu_comment).status == Comment.Status.PUBLISHED


def test_an_anonymous_visitor_cannot_hide_a_comment(world):
    response = Client().post(hide_url(world.enjeu_comment), {"reason": "Spam."})

    assert response.status_code == 302
    assert helpers.fresh_comment(world.enjeu_comment).status == Comment.Status.PUBLISHED


def test_a_porteur_hides_a_comment_of_their_initiative_thread(world):
    response = client_for(world.porteur).post(
        hide_url(world.initiative_comment), {"reason": "Message en double."}
    )

    assert response.status_code == 302
    assert helpers.fresh_comment(world.initiative_comment).status == Comment.Status.HIDDEN


def test_a_porteur_cannot_hide_a_comment_of_an_enjeu_thread(world):
    response = client_for(world.porteur).post(
        hide_url(world.enjeu_comment), {"reason": "Hors sujet."}
    )

    assert response.status_code == 403
    assert helpers.fresh_comment(world.enjeu_comment).status == Comment.Status.PUBLISHED


def test_a_porteur_cannot_hide_a_comment_of_another_initiative(world):
    other_porteur = helpers.other_initiative_porteur()

    response = client_for(other_porteur).post(
        hide_url(world.initiative_comment), {"reason": "Hors sujet."}
    )

    assert response.status_code == 403
    assert helpers.fresh_comment(world.initiative_comment).status == Comment.Status.PUBLISHED


def test_an_htmx_hide_answers_with_the_moderation_block_offering_to_restore(world):
    response = client_for(moderator()).post(
        hide_url(world.enjeu_comment), {"reason": "Hors sujet."}, **HTMX
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert f'id="moderation-c{world.enjeu_comment.pk}"' in content
    assert "data-restore-comment" in content


def test_an_invalid_htmx_hide_answers_400_with_the_form_open(world):
    response = client_for(moderator()).post(hide_url(world.enjeu_comment), {"reason": ""}, **HTMX)

    assert response.status_code == 400
    assert '<details class="comment-moderation__hide" open>' in response.content.decode()


def test_a_moderator_restores_a_hidden_comment(world):
    mod = moderator()
    moderation.hide(world.enjeu_comment, mod, "Erreur.")

    response = client_for(mod).post(restore_url(world.enjeu_comment))

    assert response.status_code == 302
    assert helpers.fresh_comment(world.enjeu_comment).status == Comment.Status.PUBLISHED


def test_restoring_refuses_get(world):
    response = client_for(moderator()).get(restore_url(world.enjeu_comment))

    assert response.status_code == 405


def test_a_porteur_cannot_restore_a_comment_of_another_initiative(world):
    moderation.hide(world.initiative_comment, moderator(), "Hors sujet.")

    response = client_for(helpers.other_initiative_porteur()).post(
        restore_url(world.initiative_comment)
    )

    assert response.status_code == 403
    assert helpers.fresh_comment(world.initiative_comment).status == Comment.Status.HIDDEN


# Thread settings.


def test_thread_settings_refuse_get(world):
    response = client_for(moderator()).get(settings_url(world.enjeu_thread))

    assert response.status_code == 405


def test_a_moderator_closes_a_thread(world):
    response = client_for(moderator()).post(settings_url(world.enjeu_thread), {"action": "close"})

    assert response.status_code == 302
    assert helpers.fresh_thread(world.enjeu_thread).closed is True


def test_a_closed_thread_takes_no_new_comment(world):
    moderation.set_thread(world.enjeu_thread, moderator(), "close")
    before = Comment.objects.count()

    client_for(world.citizen).post(
        reverse("forums:comment-post", args=[world.enjeu_thread.pk]), {"comment": "Encore moi."}
    )

    assert Comment.objects.count() == before


def test_a_porteur_pins_and_keeps_their_initiative_thread_to_members(world):
    client = client_for(world.porteur)

    client.post(settings_url(world.initiative_thread), {"action": "pin"})
    client.post(settings_url(world.initiative_thread), {"action": "members_only"})

    thread = helpers.fresh_thread(world.initiative_thread)
    assert (thread.pinned, thread.members_only) == (True, True)


def test_a_porteur_cannot_close_an_enjeu_thread(world):
    response = client_for(world.porteur).post(settings_url(world.enjeu_thread), {"action": "close"})

    assert response.status_code == 403
    assert helpers.fresh_thread(world.enjeu_thread).closed is False


def test_a_porteur_cannot_close_a_thread_of_another_initiative(world):
    response = client_for(helpers.other_initiative_porteur()).post(
        settings_url(world.initiative_thread), {"action": "close"}
    )

    assert response.status_code == 403
    assert helpers.fresh_thread(world.initiative_thread).closed is False


def test_a_plain_member_cannot_close_their_initiative_thread(world):
    response = client_for(world.member).post(
        settings_url(world.initiative_thread), {"action": "close"}
    )

    assert response.status_code == 403
    assert helpers.fresh_thread(world.initiative_thread).closed is False


def test_an_enjeu_thread_cannot_be_kept_to_members(world):
    response = client_for(moderator()).post(
        settings_url(world.enjeu_thread), {"action": "members_only"}
    )

    assert response.status_code == 403
    assert helpers.fresh_thread(world.enjeu_thread).members_only is False


def test_an_unknown_thread_action_answers_400_and_changes_nothing(world):
    response = client_for(moderator()).post(settings_url(world.enjeu_thread), {"action": "delete"})

    assert response.status_code == 400
    thread = helpers.fresh_thread(world.enjeu_thread)
    assert (thread.closed, thread.pinned) == (False, False)


def test_an_htmx_thread_setting_reloads_the_page_with_its_message(world):
    client = client_for(moderator())

    response = client.post(settings_url(world.enjeu_thread), {"action": "close"}, **HTMX)

    # Badges and the comment form change with the thread's state: htmx reloads the page.
    assert response.status_code == 200
    assert response.headers["HX-Refresh"] == "true"
    assert helpers.fresh_thread(world.enjeu_thread).closed
    page = client.get(world.enjeu_thread.get_absolute_url()).content.decode()
    assert "badge--closed" in page


def test_a_thread_setting_is_logged_with_its_moderator(world):
    mod = moderator()

    client_for(mod).post(settings_url(world.enjeu_thread), {"action": "close"})

    assert helpers.log_actions(world.enjeu_thread) == [moderation.CLOSE]
