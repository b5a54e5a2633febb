"""The search on the demo, as a visitor meets it: « mobilite » finds what is filed under the
Mobilité enjeu, and no excerpt shows the Markdown a message was typed in."""

import pytest
from django.urls import reverse

from cms_pages.models import EnjeuPage
from consultation.models import Contribution
from search.engines import get_engine
from search.engines.base import Query
from search.models import SearchDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(shared_demo):
    return shared_demo


def test_mobilite_finds_what_is_filed_under_the_enjeu(demo, client):
    mobilite = EnjeuPage.objects.get(slug="mobilite")
    response = client.get(reverse("search:results"), {"q": "mobilite"})
    assert response.status_code == 200
    keys = get_engine().search(Query(words=("mobilite",), per_page=100)).keys
    titles = set(SearchDocument.objects.filter(key__in=keys).values_list("title", flat=True))
    assert any(title.startswith("Covoit'Sud") for title in titles), titles
    assert any(title.startswith("Des bus le dimanche") for title in titles), titles
    linked = Contribution.objects.published().filter(enjeux=mobilite).values_list("pk", flat=True)
    assert linked
    assert {f"consultation.contribution:{pk}" for pk in linked} <= set(keys)
    assert response.context["total"] == len(keys)


@pytest.mark.parametrize("words", ["partez", "bus dimanche", "covoiturage"])
def test_excerpts_are_plain_text(demo, client, words):
    response = client.get(reverse("search:results"), {"q": words})
    hits = response.context["hits"]
    assert hits
    for hit in hits:
        assert "**" not in hit.excerpt, hit.excerpt
        assert "](" not in hit.excerpt, hit.excerpt
