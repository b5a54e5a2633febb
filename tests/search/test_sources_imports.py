"""Imported révoltes and rêves reach the search when published (apart from
test_sources_contributions.py, whose module world holds a site of its own)."""

import pytest

from consultation.importer import import_contributions
from search.models import SearchDocument
from tests.consultation.capture_helpers import make_place, read, user_in
from tests.search import sources_helpers as h
from tests.search.sources_helpers import no_leftover_sync  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("premoderation", [False, True])
def test_imported_contributions_are_searchable_when_published(home_page, settings, premoderation):
    """An import stores its rows in bulk, without save signals: it schedules their refresh."""
    settings.CONTRIBUTIONS_PREMODERATION = premoderation
    place = make_place(home_page)
    with h.committed():
        report = import_contributions(
            read("good_utf8_comma.csv"), event=place.big_event, facilitator=user_in("Animateurs")
        )
    assert report.created == 4
    stored = SearchDocument.objects.filter(kind__in=["revolte", "reve"]).count()
    assert stored == (0 if premoderation else 4)
