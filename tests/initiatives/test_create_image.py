"""An initiative's image is served through a view that checks who asks: the live image to
whoever may see the page, drafts' images to members and moderators only."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image as PillowImage

from initiatives import images
from tests.factories import InitiativePageFactory, MembershipFactory, UserFactory
from tests.initiatives import create_helpers as helpers

pytestmark = pytest.mark.django_db


def build_world():
    """The initiative index, and two initiatives with images (see ``live`` and ``draft``),
    built once for the module."""
    index = helpers.tree()[0]
    return {"index": index, "live": live_initiative(index), "draft": draft_initiative(index)}


@pytest.fixture
def index(world):
    return world["index"]


def picture(colour, title="Une image"):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (800, 600), colour).save(buffer, format="PNG")
    return images.create_image(ContentFile(buffer.getvalue(), name="x.png"), title, None)


def url(page, **query):
    params = "&".join(f"{k}={v}" for k, v in query.items())
    return f"/initiatives/{page.pk}/image/" + (f"?{params}" if params else "")


def colour_of(response):
    data = b"".join(response.streaming_content)
    with PillowImage.open(io.BytesIO(data)) as image:
        return image.convert("RGB").getpixel((5, 5))


def live_initiative(index):
    """A published initiative with a red image, whose latest draft has a blue one."""
    page = InitiativePageFactory(parent=index, image=picture((255, 0, 0)))
    page.save_revision().publish()
    draft = page.get_latest_revision_as_object()
    draft.image = picture((0, 0, 255))
    draft.save_revision()
    return page


def draft_initiative(index):
    """An initiative never published, with a green image."""
    page = InitiativePageFactory(parent=index, live=False, image=picture((0, 128, 0)))
    page.save_revision()
    return page


@pytest.fixture
def live(world):
    return world["live"]


@pytest.fixture
def draft(world):
    return world["draft"]


def test_anyone_gets_the_live_image_of_a_published_initiative(client, live):
    response = client.get(url(live, taille="grande"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert colour_of(response) == (255, 0, 0)
    assert "public" in response["Cache-Control"]


def test_thumbnail_size_is_smaller(client, live):
    response = client.get(url(live, taille="vignette"))
    data = b"".join(response.streaming_content)
    with PillowImage.open(io.BytesIO(data)) as image:
        assert image.width < 800


def test_an_unknown_size_is_a_404(client, live):
    assert client.get(url(live, taille="immense")).status_code == 404


def test_others_get_404_for_the_image_of_a_draft(client, draft):
    assert client.get(url(draft)).status_code == 404
    assert helpers.client_for(UserFactory()).get(url(draft)).status_code == 404


def test_a_member_gets_the_image_of_a_draft_privately(draft):
    member = MembershipFactory(initiative=draft).user
    response = helpers.client_for(member).get(url(draft))
    assert response.status_code == 200
    assert colour_of(response) == (0, 128, 0)
    assert "private" in response["Cache-Control"]


def test_a_moderator_gets_the_image_of_a_draft(draft):
    response = helpers.client_for(helpers.moderator()).get(url(draft))
    assert response.status_code == 200
    assert colour_of(response) == (0, 128, 0)


def test_a_member_sees_the_latest_draft_image_on_request(live):
    member = MembershipFactory(initiative=live).user
    response = helpers.client_for(member).get(url(live, version="brouillon"))
    assert colour_of(response) == (0, 0, 255)
    assert "private" in response["Cache-Control"]


def test_others_cannot_see_the_draft_image_of_a_published_initiative(client, live):
    assert client.get(url(live, version="brouillon")).status_code == 404
    citizen = helpers.client_for(UserFactory())
    assert citizen.get(url(live, version="brouillon")).status_code == 404


def test_an_initiative_without_image_is_a_404(client, index):
    page = InitiativePageFactory(parent=index)
    assert client.get(url(page)).status_code == 404


def test_an_unchanged_image_answers_304(client, live):
    first = client.get(url(live))
    again = client.get(url(live), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
