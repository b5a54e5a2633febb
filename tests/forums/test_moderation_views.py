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


def test_a_citizen_sees_the_report_form_of_a_comment():
    w = helpers.reported_world()

    response = client_for(w.citizen).get(report_url(w.enjeu_comment))

    assert response.status_code == 200
    assert b"Un message \xc3\xa0 mod\xc3\xa9rer." in response.content
    assert b'name="reason"' in response.content


def test_an_anonymous_visitor_is_sent_to_log_in_to_report():
    w = helpers.reported_world()

    response = Client().get(report_url(w.enjeu_comment))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_reporting_stores_the_report_and_goes_back_to_the_comment():
    w = helpers.reported_world()

    response = client_for(w.citizen).post(report_url(w.enjeu_comment), report_data())

    assert response.status_code == 302
    assert response["Location"].endswith(f"#c{w.enjeu_comment.pk}")
    stored = helpers.reports_of(w.enjeu_comment).get()
    assert (stored.reporter, stored.reason, stored.details) == (
        w.citizen,
        Report.Reason.OFFENSIVE,
        "Il insulte un voisin.",
    )


def test_a_report_without_a_reason_is_refused_and_keeps_the_typed_details():
    w = helpers.reported_world()

    response = client_for(w.citizen).post(report_url(w.enjeu_comment), report_data(reason=""))

    assert response.status_code == 400
    assert "Il insulte un voisin." in response.content.decode()
    assert not helpers.reports_of(w.enjeu_comment).exists()


def test_report_details_longer_than_1000_characters_are_refused():
    w = helpers.reported_world()

    response = client_for(w.citizen).post(
        report_url(w.enjeu_comment), report_data(details="x" * 1001)
    )

    assert response.status_code == 400
    assert not helpers.reports_of(w.enjeu_comment).exists()


def test_reporting_a_comment_twice_stores_one_report_and_says_so():
    w = helpers.reported_world()
    client = client_for(w.citizen)
    client.post(report_url(w.enjeu_comment), report_data())

    response = client.post(report_url(w.enjeu_comment), report_data(), follow=True)

    assert helpers.reports_of(w.enjeu_comment).count() == 1
    assert "already reported" in response.content.decode() or "déjà signalé" in (
        response.content.decode()
    )


def test_an_author_cannot_report_their_own_comment():
    w = helpers.reported_world()

    response = client_for(w.author).post(report_url(w.enjeu_comment), report_data())

    assert response.status_code == 403
    assert not helpers.reports_of(w.enjeu_comment).exists()


def test_three_members_reporting_through_the_site_hide_the_comment_pending_review():
    w = helpers.reported_world()
    for reporter in helpers.reporters(3):
        client_for(reporter).post(report_url(w.enjeu_comment), report_data())

    assert helpers.fresh_comment(w.enjeu_comment).status == Comment.Status.FLAGGED


def test_a_comment_hidden_by_the_moderation_cannot_be_reported_and_does_not_show():
    w = helpers.reported_world()
    moderation.hide(w.enjeu_comment, moderator(), "Hors sujet.")

    response = client_for(w.citizen).get(report_url(w.enjeu_comment))

    assert response.status_code == 404


def test_a_comment_of_a_members_only_thread_cannot_be_reported_by_a_non_member():
    w = helpers.reported_world()
    moderation.set_thread(w.initiative_thread, w.porteur, "members_only")

    response = client_for(w.citizen).post(report_url(w.initiative_comment), report_data())

    assert response.status_code == 404
    assert not helpers.reports_of(w.initiative_comment).exists()


def test_the_htmx_report_form_is_a_fragment_swapped_in_place():
    w = helpers.reported_world()

    response = client_for(w.citizen).get(report_url(w.enjeu_comment), **HTMX)

    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert f'hx-target="#moderation-c{w.enjeu_comment.pk}"' in content


def test_an_htmx_report_answers_with_a_thank_you_fragment():
    w = helpers.reported_world()

    response = client_for(w.citizen).post(report_url(w.enjeu_comment), report_data(), **HTMX)

    assert response.status_code == 200
    assert f'data-reported="{w.enjeu_comment.pk}"' in response.content.decode()
    assert helpers.reports_of(w.enjeu_comment).count() == 1


def test_an_invalid_htmx_report_answers_400_with_the_form_and_the_typed_details():
    w = helpers.reported_world()

    response = client_for(w.citizen).post(
        report_url(w.enjeu_comment), report_data(reason=""), **HTMX
    )

    assert response.status_code == 400
    assert "<html" not in response.content.decode()
    assert "Il insulte un voisin." in response.content.decode()


# Hiding and restoring.


def test_a_moderator_hides_a_comment_from_the_thread_page():
    w = helpers.reported_world()
    mod = moderator()
    thread_url = w.enjeu_thread.get_absolute_url()

    response = client_for(mod).post(
        hide_url(w.enjeu_comment), {"reason": "Propos blessants.", "next": thread_url}
    )

    assert response.status_code == 302
    assert response["Location"] == f"{thread_url}#c{w.enjeu_comment.pk}"
    hidden = helpers.fresh_comment(w.enjeu_comment)
    assert (hidden.status, hidden.hidden_reason, hidden.moderated_by) == (
        Comment.Status.HIDDEN,
        "Propos blessants.",
        mod,
    )


def test_hiding_goes_back_to_a_page_of_this_site_only():
    w = helpers.reported_world()

    response = client_for(moderator()).post(
        hide_url(w.enjeu_comment), {"reason": "Hors sujet.", "next": "https://evil.example/"}
    )

    assert response["Location"].startswith(w.enjeu_thread.get_absolute_url())


def test_hiding_without_a_reason_answers_400_and_changes_nothing():
    w = helpers.reported_world()

    response = client_for(moderator()).post(hide_url(w.enjeu_comment), {"reason": "  "})

    assert response.status_code == 400
    assert helpers.fresh_comment(w.enjeu_comment).status == Comment.Status.PUBLISHED


def test_a_reason_too_long_answers_400_and_keeps_the_typed_text():
    w = helpers.reported_world()
    reason = "Trop long. " * 60

    response = client_for(moderator()).post(hide_url(w.enjeu_comment), {"reason": reason})

    assert response.status_code == 400
    assert reason.strip() in response.content.decode()
    assert helpers.fresh_comment(w.enjeu_comment).status == Comment.Status.PUBLISHED


def test_a_moderator_gets_the_hide_form_page():
    w = helpers.reported_world()

    response = client_for(moderator()).get(hide_url(w.enjeu_comment))

    assert response.status_code == 200
    assert b"data-hide-comment" in response.content


def test_a_citizen_cannot_hide_a_comment():
    w = helpers.reported_world()

    response = client_for(w.citizen).post(hide_url(w.enjeu_comment), {"reason": "Je n'aime pas."})

    assert response.status_code == 403
    assert helpers.fresh_comment(w.enjeu_comment).status == Comment.Status.PUBLISHED


def test_an_anonymous_visitor_cannot_hide_a_comment():
    w = helpers.reported_world()

    response = Client().post(hide_url(w.enjeu_comment), {"reason": "Spam."})

    assert response.status_code == 302
    assert helpers.fresh_comment(w.enjeu_comment).status == Comment.Status.PUBLISHED


def test_a_porteur_hides_a_comment_of_their_initiative_thread():
    w = helpers.reported_world()

    response = client_for(w.porteur).post(
        hide_url(w.initiative_comment), {"reason": "Message en double."}
    )

    assert response.status_code == 302
    assert helpers.fresh_comment(w.initiative_comment).status == Comment.Status.HIDDEN


def test_a_porteur_cannot_hide_a_comment_of_an_enjeu_thread():
    w = helpers.reported_world()

    response = client_for(w.porteur).post(hide_url(w.enjeu_comment), {"reason": "Hors sujet."})

    assert response.status_code == 403
    assert helpers.fresh_comment(w.enjeu_comment).status == Comment.Status.PUBLISHED


def test_a_porteur_cannot_hide_a_comment_of_another_initiative():
    w = helpers.reported_world()
    other_porteur = helpers.other_initiative_porteur()

    response = client_for(other_porteur).post(
        hide_url(w.initiative_comment), {"reason": "Hors sujet."}
    )

    assert response.status_code == 403
    assert helpers.fresh_comment(w.initiative_comment).status == Comment.Status.PUBLISHED


def test_an_htmx_hide_answers_with_the_moderation_block_offering_to_restore():
    w = helpers.reported_world()

    response = client_for(moderator()).post(
        hide_url(w.enjeu_comment), {"reason": "Hors sujet."}, **HTMX
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert f'id="moderation-c{w.enjeu_comment.pk}"' in content
    assert "data-restore-comment" in content


def test_an_invalid_htmx_hide_answers_400_with_the_form_open():
    w = helpers.reported_world()

    response = client_for(moderator()).post(hide_url(w.enjeu_comment), {"reason": ""}, **HTMX)

    assert response.status_code == 400
    assert '<details class="comment-moderation__hide" open>' in response.content.decode()


def test_a_moderator_restores_a_hidden_comment():
    w = helpers.reported_world()
    mod = moderator()
    moderation.hide(w.enjeu_comment, mod, "Erreur.")

    response = client_for(mod).post(restore_url(w.enjeu_comment))

    assert response.status_code == 302
    assert helpers.fresh_comment(w.enjeu_comment).status == Comment.Status.PUBLISHED


def test_restoring_refuses_get():
    w = helpers.reported_world()

    response = client_for(moderator()).get(restore_url(w.enjeu_comment))

    assert response.status_code == 405


def test_a_porteur_cannot_restore_a_comment_of_another_initiative():
    w = helpers.reported_world()
    moderation.hide(w.initiative_comment, moderator(), "Hors sujet.")

    response = client_for(helpers.other_initiative_porteur()).post(
        restore_url(w.initiative_comment)
    )

    assert response.status_code == 403
    assert helpers.fresh_comment(w.initiative_comment).status == Comment.Status.HIDDEN


# Thread settings.


def test_thread_settings_refuse_get():
    w = helpers.reported_world()

    response = client_for(moderator()).get(settings_url(w.enjeu_thread))

    assert response.status_code == 405


def test_a_moderator_closes_a_thread():
    w = helpers.reported_world()

    response = client_for(moderator()).post(settings_url(w.enjeu_thread), {"action": "close"})

    assert response.status_code == 302
    assert helpers.fresh_thread(w.enjeu_thread).closed is True


def test_a_closed_thread_takes_no_new_comment():
    w = helpers.reported_world()
    moderation.set_thread(w.enjeu_thread, moderator(), "close")
    before = Comment.objects.count()

    client_for(w.citizen).post(
        reverse("forums:comment-post", args=[w.enjeu_thread.pk]), {"comment": "Encore moi."}
    )

    assert Comment.objects.count() == before


def test_a_porteur_pins_and_keeps_their_initiative_thread_to_members():
    w = helpers.reported_world()
    client = client_for(w.porteur)

    client.post(settings_url(w.initiative_thread), {"action": "pin"})
    client.post(settings_url(w.initiative_thread), {"action": "members_only"})

    thread = helpers.fresh_thread(w.initiative_thread)
    assert (thread.pinned, thread.members_only) == (True, True)


def test_a_porteur_cannot_close_an_enjeu_thread():
    w = helpers.reported_world()

    response = client_for(w.porteur).post(settings_url(w.enjeu_thread), {"action": "close"})

    assert response.status_code == 403
    assert helpers.fresh_thread(w.enjeu_thread).closed is False


def test_a_porteur_cannot_close_a_thread_of_another_initiative():
    w = helpers.reported_world()

    response = client_for(helpers.other_initiative_porteur()).post(
        settings_url(w.initiative_thread), {"action": "close"}
    )

    assert response.status_code == 403
    assert helpers.fresh_thread(w.initiative_thread).closed is False


def test_a_plain_member_cannot_close_their_initiative_thread():
    w = helpers.reported_world()

    response = client_for(w.member).post(settings_url(w.initiative_thread), {"action": "close"})

    assert response.status_code == 403


def test_an_enjeu_thread_cannot_be_kept_to_members():
    w = helpers.reported_world()

    response = client_for(moderator()).post(
        settings_url(w.enjeu_thread), {"action": "members_only"}
    )

    assert response.status_code == 403
    assert helpers.fresh_thread(w.enjeu_thread).members_only is False


def test_an_unknown_thread_action_answers_400_and_changes_nothing():
    w = helpers.reported_world()

    response = client_for(moderator()).post(settings_url(w.enjeu_thread), {"action": "delete"})

    assert response.status_code == 400
    thread = helpers.fresh_thread(w.enjeu_thread)
    assert (thread.closed, thread.pinned) == (False, False)


def test_an_htmx_thread_setting_reloads_the_page_with_its_message():
    w = helpers.reported_world()
    client = client_for(moderator())

    response = client.post(settings_url(w.enjeu_thread), {"action": "close"}, **HTMX)

    # Badges and the comment form change with the thread's state: htmx reloads the page.
    assert response.status_code == 200
    assert response.headers["HX-Refresh"] == "true"
    assert helpers.fresh_thread(w.enjeu_thread).closed
    page = client.get(w.enjeu_thread.get_absolute_url()).content.decode()
    assert "badge--closed" in page


def test_a_thread_setting_is_logged_with_its_moderator():
    w = helpers.reported_world()
    mod = moderator()

    client_for(mod).post(settings_url(w.enjeu_thread), {"action": "close"})

    assert helpers.log_actions(w.enjeu_thread) == [moderation.CLOSE]
