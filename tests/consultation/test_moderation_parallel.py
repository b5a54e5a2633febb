"""Moderators deciding on the same contribution at once: the author is told once (PostgreSQL)."""

import threading

import pytest
from django.db import connection

from consultation import moderation
from outbox.models import OutgoingEmail
from tests.consultation import moderation_helpers as helpers
from tests.factories import UserFactory, site_with_home_page

MODERATORS = 4


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_publications_email_the_author_once():
    territory = helpers.territories(site_with_home_page())[0]
    contribution = helpers.pending(territory, author=UserFactory(email="autrice@example.org"))
    moderators = [helpers.moderator() for _ in range(MODERATORS)]
    barrier = threading.Barrier(MODERATORS)
    errors = []

    def publish(moderator):
        try:
            barrier.wait()
            moderation.publish([contribution.pk], moderator)
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=[m]) for m in moderators]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert OutgoingEmail.objects.filter(to=["autrice@example.org"]).count() == 1
