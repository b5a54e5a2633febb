"""With the database task queue (production), posting a comment stores one queued task in its
transaction, not the followers' e-mails: a worker writes them, only for a comment still shown."""

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from forums import moderation, notifications
from outbox.models import OutgoingEmail

from .core_helpers import comment, enjeu_thread, moderator, old_account
from .core_helpers import world as make_world
from .notifications_helpers import emails_to, follower

pytestmark = pytest.mark.django_db

QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def build_world():
    return make_world()


def queued():
    return list(
        DBTaskResult.objects.filter(task_path="forums.notifications.tell_followers").values_list(
            "args_kwargs", flat=True
        )
    )


def run_worker():
    """What the worker does with each queued row (``manage.py db_worker`` itself closes the
    connections, which ends the test's transaction)."""
    for task in queued():
        notifications.tell_followers.call(*task["args"], **task["kwargs"])


def test_the_request_queues_one_task_and_the_worker_writes_the_emails(world, settings):
    thread = enjeu_thread(world.enjeu, world.citizen)
    readers = [follower(thread) for _ in range(3)]
    settings.TASKS = QUEUE
    emails_before = OutgoingEmail.objects.count()

    posted = comment(thread, old_account(), "Rendez-vous samedi")

    assert queued() == [{"args": [posted.pk], "kwargs": {}}]
    assert OutgoingEmail.objects.count() == emails_before  # nothing written in the request
    run_worker()
    assert all(len(emails_to(reader)) == 1 for reader in readers)


def test_a_comment_rolled_back_leaves_no_task(world, settings):
    thread = enjeu_thread(world.enjeu, world.citizen)
    settings.TASKS = QUEUE

    with pytest.raises(RuntimeError), transaction.atomic():
        comment(thread, old_account(), "Jamais enregistré")
        raise RuntimeError

    assert queued() == []


def test_a_comment_hidden_before_the_worker_runs_tells_nobody(world, settings):
    thread = enjeu_thread(world.enjeu, world.citizen)
    reader = follower(thread)
    settings.TASKS = QUEUE
    posted = comment(thread, old_account(), "Retiré avant l'envoi")

    moderation.hide(posted, moderator(), reason="Hors sujet")
    run_worker()

    assert emails_to(reader) == []
