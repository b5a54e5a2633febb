"""The ``engine`` fixture: each contract test runs on every engine this machine can reach —
the database engine always, Elasticsearch (marker ``elasticsearch``) when ELASTICSEARCH_URL is
set, each test on an index of its own."""

import uuid

import pytest

from search.engines import get_engine
from search.models import SearchDocument
from search.sync import with_places


@pytest.fixture(params=["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def engine(request, settings):
    settings.SEARCH_ENGINE = request.param
    if request.param == "elasticsearch":
        settings.SEARCH_ELASTICSEARCH_INDEX = f"aac-test-{uuid.uuid4().hex[:12]}"
        settings.SEARCH_ELASTICSEARCH_REFRESH = True
    chosen = get_engine()
    documents = SearchDocument.objects.all()
    chosen.rebuild(with_places(documents), documents.count(), lambda done: None)
    yield chosen
    if request.param == "elasticsearch":
        chosen.drop_index()
