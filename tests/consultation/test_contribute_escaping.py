"""What a citizen types is stored as text and shown escaped, never run as HTML."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from consultation.models import Contribution
from tests import factories
from tests.consultation.contribute_helpers import form_data, make_territories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
TAG_PAYLOAD = "<b>gras</b>"


def build_world():
    home = factories.site_with_home_page()
    return SimpleNamespace(home=home, territories=make_territories(home), author=UserFactory())


@pytest.fixture
def posted(client, world):
    """A contribution whose title, text and tag carry HTML, posted through the form."""
    client.force_login(world.author)
    client.post(
        reverse("consultation:new"),
        form_data(
            world.territories.square,
            title=PAYLOAD[:120],
            text=f"Texte piégé {PAYLOAD}",
            tags=TAG_PAYLOAD,
        ),
    )
    return Contribution.objects.get()


def test_html_in_text_title_and_tags_is_stored_as_typed(posted):
    assert (posted.title, posted.text, list(posted.tags.names())) == (
        PAYLOAD,
        f"Texte piégé {PAYLOAD}",
        ["<b>gras</b>"],
    )


@pytest.mark.parametrize("url_name", ["consultation:mine", "consultation:detail"])
def test_html_is_rendered_escaped(client, posted, url_name):
    args = [posted.pk] if url_name == "consultation:detail" else []
    content = client.get(reverse(url_name, args=args)).content.decode()
    assert "<script>alert" not in content
    assert "<img src=x" not in content
    assert "<b>gras</b>" not in content
    assert "&lt;script&gt;alert" in content
