"""The large database's contributions (bench/seed_large.py): inserted with PostgreSQL's COPY,
the rows seed_contributions would make next, all published, with their tags and enjeux, and
the very search documents the search's own code writes for them."""

import pytest
from django.core.management import call_command
from django.db import connection

from bench import seed_large
from consultation.models import Contribution, ContributionTag
from search import sync
from search.models import DocumentPlace, SearchDocument

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def documents(contributions):
    """What the search holds about ``contributions``: each document's columns and places."""
    keys = [f"consultation.contribution:{pk}" for pk in contributions]
    rows = SearchDocument.objects.filter(key__in=keys).order_by("key")
    columns = ["key", "kind", "title", "text", "tags", "places_names", "url", "date"]
    places = DocumentPlace.objects.filter(document__key__in=keys).values_list(
        "document__key", "relation", "page_id"
    )
    return list(rows.values_list(*columns, "latitude", "longitude")), sorted(places)


@pytest.fixture
def grown(shared_demo):
    call_command("seed_contributions", count=20, verbosity=0)
    before = set(Contribution.objects.values_list("pk", flat=True))
    seed_large.seed(30)
    return Contribution.objects.exclude(pk__in=before).order_by("pk")


def test_the_next_seeded_contributions_all_published(grown):
    assert grown.count() == 30
    assert set(grown.values_list("status", flat=True)) == {"published"}
    # 20 published, 2 pending and 1 hidden were seeded first: the numbers follow them.
    assert [c.import_key for c in grown] == [f"seed:{n}" for n in range(23, 53)]
    assert len({c.territory_id for c in grown}) == 5


def test_they_carry_tags_and_their_ids_continue_the_sequence(grown):
    assert ContributionTag.objects.filter(content_object__in=grown).count() >= 30
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence('consultation_contribution', 'id'))")
        assert cursor.fetchone()[0] > grown.last().pk


def test_their_search_documents_are_those_the_search_writes(grown):
    ids = list(grown.values_list("pk", flat=True))
    copied = documents(ids)
    assert len(copied[0]) == 30 and copied[1]
    sync.refresh(Contribution, ids)
    assert documents(ids) == copied
