"""Moderators deciding on the same contribution at once: the author is told once (PostgreSQL)."""

from functools import partial

import pytest

from consultation import moderation
from outbox.models import OutgoingEmail
from tests.consultation import moderation_helpers as helpers
from tests.factories import UserFactory, site_with_home_page
from tests.parallel import run_together

MODERATORS = 4


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_publications_email_the_author_once():
    territory = helpers.territories(site_with_home_page())[0]
    contribution = helpers.pending(territory, author=UserFactory(email="autrice@example.org"))
    moderators = [helpers.moderator() for _ in range(MODERATORS)]
    outcomes = run_together(
        *[partial(moderation.publish, [contribution.pk], moderator) for moderator in moderators]
    )
    assert outcomes == [None] * MODERATORS
    assert OutgoingEmail.objects.filter(to=["autrice@example.org"]).count() == 1
