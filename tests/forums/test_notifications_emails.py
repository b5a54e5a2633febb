"""An e-mail for each new comment to the thread's followers who chose it."""

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import translation

from forums import notifications, posting
from forums.models import Comment, DigestEntry
from initiatives.models import Membership
from outbox.models import OutgoingEmail

from .core_helpers import comment, enjeu_thread, initiative_thread, moderator, old_account
from .core_helpers import world as make_world
from .notifications_helpers import emails_to, follower, last_email_to

pytestmark = pytest.mark.django_db


def build_world():
    return make_world()


def test_a_follower_gets_one_email_per_new_comment(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    reader = follower(thread)
    comment(thread, old_account(), "Premier")
    comment(thread, old_account(), "Second")
    assert len(emails_to(reader)) == 2


def test_the_author_of_a_comment_gets_no_email_about_it(world):
    author = old_account()
    thread = enjeu_thread(world.enjeu, author)
    comment(thread, author, "Je relance ma propre discussion")
    assert emails_to(author) == []


def test_the_thread_author_follows_it_and_hears_of_replies(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    comment(thread, old_account())
    assert len(emails_to(world.citizen)) == 1


def test_someone_who_does_not_follow_gets_nothing(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    stranger = old_account()
    comment(thread, old_account())
    assert emails_to(stranger) == []


def test_the_subject_names_the_thread(world):
    thread = enjeu_thread(world.enjeu, world.citizen, title="Des bus le dimanche")
    comment(thread, old_account())
    subject = last_email_to(world.citizen).subject
    assert subject.startswith("[Aux actes citoyens] ")
    assert "Des bus le dimanche" in subject


def test_the_subject_is_french(world):
    thread = enjeu_thread(world.enjeu, world.citizen, title="Des bus le dimanche")
    comment(thread, old_account())
    with translation.override("fr"):
        expected = translation.gettext("New reply in “%(title)s”") % {
            "title": "Des bus le dimanche"
        }
    assert last_email_to(world.citizen).subject == "[Aux actes citoyens] " + expected


def test_the_email_links_to_the_comment_on_the_public_site(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    posted = comment(thread, old_account())
    email = last_email_to(world.citizen)
    url = f"http://testserver{thread.get_absolute_url()}#c{posted.pk}"
    assert url in email.body
    assert f'href="{url}"' in email.html_body


def test_the_text_part_holds_the_message_as_plain_text(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    comment(thread, old_account(), "Le **bus 12** passe à 7 h.\n\n- lundi\n- mardi")
    body = last_email_to(world.citizen).body
    assert "Le bus 12 passe à 7 h." in body
    assert "- lundi\n- mardi" in body
    assert "**" not in body


def test_the_text_part_shows_the_address_of_a_link(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    comment(thread, old_account(), "Voir [le plan](https://plan.example/ligne-12)")
    assert "le plan (https://plan.example/ligne-12)" in last_email_to(world.citizen).body


def test_the_html_part_holds_the_rendered_message(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    comment(thread, old_account(), "Le **bus 12**")
    assert "<strong>bus 12</strong>" in last_email_to(world.citizen).html_body


def test_the_email_names_the_author_by_their_public_name_never_their_address(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    author = old_account(display_name="Nadia B.")
    comment(thread, author)
    email = last_email_to(world.citizen)
    assert "Nadia B." in email.body and "Nadia B." in email.html_body
    assert author.email not in email.body + email.html_body


def test_the_email_goes_to_the_follower_only(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    other = follower(thread)
    comment(thread, old_account())
    assert last_email_to(world.citizen).to == [world.citizen.email]
    assert last_email_to(other).to == [other.email]


def test_every_email_carries_an_unsubscribe_link_for_this_user_and_thread(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    comment(thread, old_account())
    email = last_email_to(world.citizen)
    token = email.body.split("/discussions/desabonnement/")[1].split("/")[0]
    assert notifications.read_unsubscribe_token(token) == (world.citizen.pk, [thread.pk])
    url = "http://testserver" + reverse("forums:unsubscribe", kwargs={"token": token})
    assert url in email.body
    assert f'href="{url}"' in email.html_body


def test_every_email_has_one_click_list_unsubscribe_headers(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    comment(thread, old_account())
    headers = last_email_to(world.citizen).headers
    token = notifications.unsubscribe_token(world.citizen, [thread.pk])
    url = "http://testserver" + reverse("forums:unsubscribe", kwargs={"token": token})
    assert headers["List-Unsubscribe"] == f"<{url}>"
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_unsubscribe_token_is_refused_once_altered(world):
    token = notifications.unsubscribe_token(world.citizen, [1])
    with pytest.raises(signing.BadSignature):
        notifications.read_unsubscribe_token(token[:-2] + ("AA" if token[-2:] != "AA" else "BB"))


def test_a_token_signed_for_something_else_is_refused():
    token = signing.dumps({"u": 1, "t": [1]})  # no salt: another use of the secret key
    with pytest.raises(signing.BadSignature):
        notifications.read_unsubscribe_token(token)


def test_the_email_leaves_after_commit_with_its_html_part_and_headers(
    world,
    django_capture_on_commit_callbacks,
):
    thread = enjeu_thread(world.enjeu, world.citizen)
    with django_capture_on_commit_callbacks(execute=True):
        comment(thread, old_account(), "Le **bus 12**")
    [message] = [m for m in mail.outbox if m.to == [world.citizen.email]]
    assert "<strong>bus 12</strong>" in message.alternatives[0][0]
    assert message.alternatives[0][1] == "text/html"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_daily_follower_gets_a_digest_entry_instead_of_an_email(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    reader = follower(thread, "daily")
    posted = comment(thread, old_account())
    assert emails_to(reader) == []
    assert list(DigestEntry.objects.filter(user=reader).values_list("comment", flat=True)) == [
        posted.pk
    ]


def test_an_each_follower_gets_no_digest_entry(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    comment(thread, old_account())
    assert not DigestEntry.objects.filter(user=world.citizen).exists()


def test_a_held_comment_tells_nobody_until_a_moderator_publishes_it(world):
    thread = enjeu_thread(world.enjeu, old_account())
    reader = follower(thread)
    daily = follower(thread, "daily")
    held = comment(thread, world.citizen, "https://a.example https://b.example")
    assert held.status == Comment.Status.HELD
    assert emails_to(reader) == [] and not DigestEntry.objects.exists()
    posting.publish_held(held, moderator())
    assert len(emails_to(reader)) == 1
    assert DigestEntry.objects.filter(user=daily, comment=held).exists()


def test_an_inactive_follower_gets_nothing(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    gone = follower(thread, is_active=False)
    comment(thread, old_account())
    assert emails_to(gone) == []


def test_a_follower_without_an_email_address_is_skipped(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    follower(thread, email="")
    comment(thread, old_account())
    assert OutgoingEmail.objects.count() == 1  # the thread's author only


def test_members_only_thread_tells_only_those_who_can_still_read_it(world):
    thread = initiative_thread(world.initiative, world.porteur, members_only=True)
    posting.follow(thread, world.member)
    staff = moderator()
    posting.follow(thread, staff)
    former = old_account()
    posting.follow(thread, former)  # followed while a member, has left since
    comment(thread, world.porteur, "Réunion jeudi")
    assert len(emails_to(world.member)) == 1
    assert len(emails_to(staff)) == 1
    assert emails_to(former) == []


def test_a_member_who_left_is_no_longer_told_about_a_members_only_thread(world):
    thread = initiative_thread(world.initiative, world.porteur, members_only=True)
    posting.follow(thread, world.member)
    Membership.objects.filter(user=world.member, initiative=world.initiative).delete()
    comment(thread, world.porteur)
    assert emails_to(world.member) == []


def test_a_public_initiative_thread_tells_every_follower(world):
    thread = initiative_thread(world.initiative, world.porteur)
    outsider = follower(thread)
    comment(thread, world.member)
    assert len(emails_to(outsider)) == 1


def test_an_unpublished_enjeu_tells_nobody(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    world.enjeu.unpublish()
    comment(thread, old_account())
    assert emails_to(world.citizen) == []


def test_an_unpublished_initiative_tells_its_members_only(world):
    thread = initiative_thread(world.initiative, world.porteur)
    outsider = follower(thread)
    posting.follow(thread, world.member)
    world.initiative.unpublish()
    comment(thread, world.porteur)
    assert emails_to(outsider) == []
    assert len(emails_to(world.member)) == 1


def test_a_failure_while_telling_followers_never_undoes_the_comment(world, monkeypatch):
    thread = enjeu_thread(world.enjeu, world.citizen)

    def broken(*args, **kwargs):
        raise RuntimeError("template missing")

    monkeypatch.setattr(notifications, "send_comment_email", broken)
    posted = comment(thread, old_account(), "Je reste")
    assert Comment.objects.filter(pk=posted.pk, comment="Je reste").exists()
