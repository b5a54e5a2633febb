"""A mail server that is down never loses nor blocks a comment: the e-mails wait in the outbox
(delivered after commit, failures recorded for ``retry_emails``)."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from forums.models import Comment
from outbox.models import OutgoingEmail

from .core_helpers import client_for, comment, enjeu_thread, old_account
from .core_helpers import world as make_world
from .notifications_helpers import DEAD_SERVER, follower, post_through_the_page

pytestmark = pytest.mark.django_db


def build_world():
    return make_world()


@pytest.fixture
def dead_server(settings):
    settings.OUTBOX_DELIVERY_BACKEND = DEAD_SERVER


def test_posting_through_the_page_answers_normally_and_keeps_the_comment(
    world, dead_server, django_capture_on_commit_callbacks
):
    thread = enjeu_thread(world.enjeu, world.citizen)
    follower(thread)
    author = old_account()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post_through_the_page(client_for(author), thread, "Malgré la panne")
    assert response.status_code == 302
    saved = Comment.objects.get(forum_thread=thread, comment="Malgré la panne")
    assert response["Location"].endswith(f"#c{saved.pk}")
    assert callbacks, "the e-mails were handed to the delivery task after commit"
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"failed"}
    assert OutgoingEmail.objects.count() == 2


def test_the_thread_page_shows_the_comment_while_the_server_is_down(
    world, dead_server, django_capture_on_commit_callbacks
):
    thread = enjeu_thread(world.enjeu, world.citizen)
    author = old_account()
    client = client_for(author)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_through_the_page(client, thread, "Toujours là")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Toujours là" in page.content.decode()


def test_the_failure_is_recorded_for_a_later_retry(
    world, dead_server, django_capture_on_commit_callbacks
):
    thread = enjeu_thread(world.enjeu, world.citizen)
    with django_capture_on_commit_callbacks(execute=True):
        comment(thread, old_account())
    email = OutgoingEmail.objects.get()
    assert email.status == OutgoingEmail.Status.FAILED
    assert "ConnectionRefusedError" in email.last_error
    assert email.to == [world.citizen.email]


def test_the_email_leaves_once_the_server_is_back(
    world, dead_server, settings, django_capture_on_commit_callbacks
):
    thread = enjeu_thread(world.enjeu, world.citizen)
    with django_capture_on_commit_callbacks(execute=True):
        comment(thread, old_account(), "Le **bus 12**")
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("retry_emails", stdout=StringIO())
    [message] = mail.outbox
    assert message.to == [world.citizen.email]
    assert "<strong>bus 12</strong>" in message.alternatives[0][0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_digest_is_marked_sent_and_waits_in_the_outbox_while_the_server_is_down(
    world, dead_server, django_capture_on_commit_callbacks
):
    thread = enjeu_thread(world.enjeu, old_account())
    reader = follower(thread, "daily")
    comment(thread, old_account())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_discussion_digest", stdout=StringIO())
    email = OutgoingEmail.objects.get(to=[reader.email])
    assert email.status == OutgoingEmail.Status.FAILED
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_discussion_digest", stdout=StringIO())
    assert OutgoingEmail.objects.filter(to=[reader.email]).count() == 1
