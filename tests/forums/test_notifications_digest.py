"""The daily digest (``manage.py send_discussion_digest``), run on a fake clock: comments are
posted on day 1, the command runs on day 2."""

from datetime import UTC, datetime
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from forums import notifications, posting
from forums.models import DigestEntry
from initiatives.models import Membership

from .core_helpers import comment, enjeu_thread, initiative_thread, old_account
from .core_helpers import world as make_world
from .notifications_helpers import emails_to, follower, last_email_to

pytestmark = pytest.mark.django_db

DAY_1 = datetime(2025, 3, 10, 14, 30, tzinfo=UTC)
DAY_2 = datetime(2025, 3, 11, 6, 0, tzinfo=UTC)


def run_digest():
    out = StringIO()
    call_command("send_discussion_digest", stdout=out)
    return out.getvalue()


def build_world():
    """The forums world, built on day 1 as the tests' clock has it (standing still)."""
    with time_machine.travel(DAY_1, tick=False):
        return make_world()


@pytest.fixture
def clock():
    with time_machine.travel(DAY_1, tick=False) as traveller:
        yield traveller


def test_comments_of_day_one_reach_a_daily_follower_in_one_email_on_day_two(world, clock):
    thread = enjeu_thread(world.enjeu, world.citizen)
    reader = follower(thread, "daily")
    comment(thread, old_account(), "Premier message du lundi")
    comment(thread, old_account(), "Second message du lundi")
    assert emails_to(reader) == []
    clock.move_to(DAY_2)
    run_digest()
    [digest] = emails_to(reader)
    assert "Premier message du lundi" in digest.body
    assert "Second message du lundi" in digest.body


def test_the_digest_marks_its_entries_sent_at_the_time_of_the_run(world, clock):
    thread = enjeu_thread(world.enjeu, world.citizen)
    reader = follower(thread, "daily")
    comment(thread, old_account())
    clock.move_to(DAY_2)
    run_digest()
    entry = DigestEntry.objects.get(user=reader)
    assert entry.created_at == DAY_1
    assert entry.sent_at == DAY_2


def test_a_second_run_sends_nothing(world, clock):
    thread = enjeu_thread(world.enjeu, world.citizen)
    reader = follower(thread, "daily")
    comment(thread, old_account())
    clock.move_to(DAY_2)
    run_digest()
    run_digest()
    assert len(emails_to(reader)) == 1


def test_the_next_days_digest_holds_only_the_new_comments(world, clock):
    thread = enjeu_thread(world.enjeu, world.citizen)
    reader = follower(thread, "daily")
    comment(thread, old_account(), "Message du lundi")
    clock.move_to(DAY_2)
    run_digest()
    comment(thread, old_account(), "Message du mardi")
    clock.move_to(datetime(2025, 3, 12, 6, 0, tzinfo=UTC))
    run_digest()
    second = emails_to(reader)[1]
    assert "Message du mardi" in second.body
    assert "Message du lundi" not in second.body


def test_the_digest_groups_comments_by_thread(world, clock):
    bus = enjeu_thread(world.enjeu, old_account(), title="Des bus le dimanche")
    jardins = enjeu_thread(world.other_enjeu, old_account(), title="Jardins partagés")
    reader = follower(bus, "daily")
    posting.follow(jardins, reader)
    comment(bus, old_account(), "Bus A")
    comment(jardins, old_account(), "Jardin A")
    comment(bus, old_account(), "Bus B")
    clock.move_to(DAY_2)
    run_digest()
    [digest] = emails_to(reader)
    body = digest.body
    assert body.index("Des bus le dimanche") < body.index("Bus A") < body.index("Bus B")
    assert body.index("Bus B") < body.index("Jardins partagés") < body.index("Jardin A")
    assert body.count("Des bus le dimanche") == 1


def test_each_citizen_gets_their_own_digest(world, clock):
    thread = enjeu_thread(world.enjeu, old_account())
    first = follower(thread, "daily")
    second = follower(thread, "daily")
    comment(thread, old_account())
    clock.move_to(DAY_2)
    run_digest()
    assert len(emails_to(first)) == 1 and len(emails_to(second)) == 1
    assert last_email_to(first).to == [first.email]


def test_a_comment_hidden_since_is_dropped_from_the_digest(world, clock):
    thread = enjeu_thread(world.enjeu, old_account())
    reader = follower(thread, "daily")
    kept = comment(thread, old_account(), "Message gardé")
    hidden = comment(thread, old_account(), "Message masqué ensuite")
    hidden.status = hidden.Status.HIDDEN
    hidden.save()
    clock.move_to(DAY_2)
    run_digest()
    [digest] = emails_to(reader)
    assert "Message gardé" in digest.body
    assert "Message masqué ensuite" not in digest.body + digest.html_body
    assert not DigestEntry.objects.filter(comment=hidden).exists()
    assert DigestEntry.objects.get(comment=kept).sent_at == DAY_2


def test_a_comment_deleted_since_is_dropped_from_the_digest(world, clock):
    thread = enjeu_thread(world.enjeu, old_account())
    reader = follower(thread, "daily")
    deleted = comment(thread, old_account(), "Je retire ce message")
    deleted.deleted_at = timezone.now()
    deleted.save()
    clock.move_to(DAY_2)
    run_digest()
    assert emails_to(reader) == []
    assert not DigestEntry.objects.exists()


def test_a_thread_unfollowed_since_is_left_out(world, clock):
    thread = enjeu_thread(world.enjeu, old_account())
    reader = follower(thread, "daily")
    comment(thread, old_account())
    thread.follows.filter(user=reader).delete()
    clock.move_to(DAY_2)
    run_digest()
    assert emails_to(reader) == []


def test_a_members_only_thread_is_left_out_for_a_member_who_left(world, clock):
    thread = initiative_thread(world.initiative, world.porteur, members_only=True)
    world.member.discussion_emails = "daily"
    world.member.save()
    posting.follow(thread, world.member)
    comment(thread, world.porteur, "Réunion jeudi")
    Membership.objects.filter(user=world.member, initiative=world.initiative).delete()
    clock.move_to(DAY_2)
    run_digest()
    assert emails_to(world.member) == []


def test_the_digest_links_to_each_comment_and_has_unsubscribe_links(world, clock):
    thread = enjeu_thread(world.enjeu, old_account())
    reader = follower(thread, "daily")
    posted = comment(thread, old_account())
    clock.move_to(DAY_2)
    run_digest()
    digest = last_email_to(reader)
    url = f"http://testserver{thread.get_absolute_url()}#c{posted.pk}"
    assert url in digest.body and f'href="{url}"' in digest.html_body
    assert "/discussions/desabonnement/" in digest.body
    assert digest.headers["List-Unsubscribe"].startswith("<http://testserver/discussions/")
    assert digest.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_digest_header_unsubscribes_from_every_thread_it_lists(world, clock):
    bus = enjeu_thread(world.enjeu, old_account())
    jardins = enjeu_thread(world.other_enjeu, old_account())
    reader = follower(bus, "daily")
    posting.follow(jardins, reader)
    comment(bus, old_account())
    comment(jardins, old_account())
    clock.move_to(DAY_2)
    run_digest()
    header = last_email_to(reader).headers["List-Unsubscribe"]
    token = header.split("/desabonnement/")[1].split("/")[0]
    assert notifications.read_unsubscribe_token(token) == (reader.pk, sorted([bus.pk, jardins.pk]))


def test_a_long_day_is_cut_to_a_few_comments_per_thread_with_a_link(world, clock, monkeypatch):
    monkeypatch.setattr(notifications, "DIGEST_COMMENTS_PER_THREAD", 2)
    thread = enjeu_thread(world.enjeu, old_account())
    reader = follower(thread, "daily")
    for n in range(5):
        comment(thread, old_account(), f"Message numéro {n}")
    clock.move_to(DAY_2)
    run_digest()
    digest = last_email_to(reader)
    assert "Message numéro 1" in digest.body and "Message numéro 2" not in digest.body
    assert DigestEntry.objects.filter(user=reader, sent_at=DAY_2).count() == 5


def test_the_command_says_what_it_did(world, clock):
    thread = enjeu_thread(world.enjeu, old_account())
    follower(thread, "daily")
    comment(thread, old_account())
    clock.move_to(DAY_2)
    assert run_digest().startswith("1 ")
    assert run_digest().startswith("0 ")


def test_the_digest_leaves_after_commit_through_the_outbox(
    world, clock, django_capture_on_commit_callbacks
):
    thread = enjeu_thread(world.enjeu, old_account())
    reader = follower(thread, "daily")
    comment(thread, old_account(), "Le **bus 12**")
    clock.move_to(DAY_2)
    with django_capture_on_commit_callbacks(execute=True):
        run_digest()
    [message] = [m for m in mail.outbox if m.to == [reader.email]]
    assert "<strong>bus 12</strong>" in message.alternatives[0][0]


def test_a_citizen_who_switched_to_each_still_gets_the_pending_entries(world, clock):
    thread = enjeu_thread(world.enjeu, old_account())
    reader = follower(thread, "daily")
    comment(thread, old_account(), "Avant le changement")
    reader.discussion_emails = "each"
    reader.save()
    clock.move_to(DAY_2)
    run_digest()
    assert "Avant le changement" in last_email_to(reader).body
