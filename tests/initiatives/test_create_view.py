"""Creating an initiative from the public site: a draft owned by its creator, authored by them,
sent to the moderators, its creator its first porteur; nothing stored from a bad form."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import PageSubscription, WorkflowState
from wagtail.users.models import UserProfile

from initiatives import creation, publication
from initiatives.models import InitiativeIndexPage, InitiativePage, Membership
from tests.factories import ContributionFactory, InitiativePageFactory, UserFactory
from tests.initiatives import create_helpers as helpers

pytestmark = pytest.mark.django_db

NEW = "/initiatives/nouvelle/"


def build_world():
    """The tree (home, territories, enjeux, the initiative index), built once for the module."""
    return helpers.tree()


@pytest.fixture
def setup(world):
    return world


@pytest.fixture
def citizen():
    return UserFactory()


def post(client, data, files=None):
    return client.post(NEW, {**data, **(files or {})})


def created(citizen):
    return InitiativePage.objects.get(owner=citizen)


def test_visitor_is_sent_to_the_login_page(client, setup):
    response = client.get(NEW)
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/login/")


def test_form_is_multipart_and_protected_against_csrf(setup, citizen):
    response = helpers.client_for(citizen).get(NEW)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in html
    assert "csrfmiddlewaretoken" in html


def test_form_answers_404_when_the_planisphere_does_not_exist(setup, citizen):
    InitiativeIndexPage.objects.get().delete()
    response = helpers.client_for(citizen).get(NEW)
    assert response.status_code == 404


def test_inspiration_prefills_the_contribution_its_territory_and_enjeux(setup, citizen):
    _, territories, enjeux = setup
    contribution = ContributionFactory(territory=territories[1])
    contribution.enjeux.add(enjeux[0])
    response = helpers.client_for(citizen).get(NEW, {"inspiration": contribution.pk})
    form = response.context["form"]
    assert form.initial["inspired_by"] == str(contribution.pk)
    assert form.initial["territories"] == [territories[1].pk]
    assert form.initial["enjeux"] == [enjeux[0].pk]


def test_inspiration_from_an_unpublished_contribution_is_ignored(setup, citizen):
    _, territories, _ = setup
    pending = ContributionFactory(territory=territories[0], status="pending")
    response = helpers.client_for(citizen).get(NEW, {"inspiration": pending.pk})
    assert not response.context["form"].initial.get("inspired_by")


def test_citizen_creates_a_draft_they_own(setup, citizen):
    _, territories, enjeux = setup
    response = post(helpers.client_for(citizen), helpers.form_data(territories[:1], enjeux))
    page = created(citizen)
    assert response.status_code == 302
    assert response["Location"] == f"/initiatives/{page.pk}/statut/"
    assert not page.live
    assert page.get_parent().specific_class is InitiativeIndexPage


def test_revision_is_authored_by_the_citizen_and_holds_the_relations(setup, citizen):
    _, territories, enjeux = setup
    post(helpers.client_for(citizen), helpers.form_data(territories[:1], enjeux))
    page = created(citizen)
    revision = page.latest_revision
    assert revision.user == citizen
    draft = revision.as_object()
    assert [t.pk for t in draft.territories.all()] == [territories[0].pk]
    assert sorted(e.pk for e in draft.enjeux.all()) == sorted(e.pk for e in enjeux)
    assert sorted(t.name for t in draft.tags.all()) == ["réparation", "vélo"]


def test_creator_becomes_the_first_active_porteur(setup, citizen):
    _, territories, _ = setup
    post(helpers.client_for(citizen), helpers.form_data(territories))
    membership = Membership.objects.get(initiative=created(citizen))
    assert (membership.user, membership.role, membership.status) == (
        citizen,
        Membership.Role.PORTEUR,
        Membership.Status.ACTIVE,
    )


def test_new_initiative_is_in_the_moderators_workflow(setup, citizen):
    _, territories, _ = setup
    post(helpers.client_for(citizen), helpers.form_data(territories))
    state = publication.open_workflow_state(created(citizen))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == citizen


def test_success_message_is_shown_on_the_status_page(setup, citizen):
    _, territories, _ = setup
    response = helpers.client_for(citizen).post(NEW, helpers.form_data(territories), follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    assert response.context["state"] == "pending"


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Épicerie solidaire à Héricourt !", "epicerie-solidaire-a-hericourt"),
        ("Statut", "statut"),  # /initiatives/statut/ shadows no view
        ("Nouvelle", "nouvelle-2"),  # /initiatives/nouvelle/ is the creation form
        ("Mes initiatives", "mes-initiatives-2"),
        ("???", "initiative"),
    ],
)
def test_slug_comes_from_the_name_and_avoids_reserved_words(setup, citizen, title, slug):
    _, territories, _ = setup
    post(helpers.client_for(citizen), helpers.form_data(territories, title=title))
    assert created(citizen).slug == slug


def test_slug_of_a_name_already_used_gets_a_number(setup, citizen):
    index, territories, _ = setup
    InitiativePageFactory(parent=index, slug="jardin-partage")
    InitiativePageFactory(parent=index, slug="jardin-partage-2", live=False)
    post(helpers.client_for(citizen), helpers.form_data(territories, title="Jardin partagé"))
    assert created(citizen).slug == "jardin-partage-3"


def test_two_initiatives_with_the_same_name_get_distinct_slugs(setup, citizen):
    _, territories, _ = setup
    client = helpers.client_for(citizen)
    post(client, helpers.form_data(territories, title="Repair café"))
    post(client, helpers.form_data(territories, title="Repair café"))
    slugs = sorted(InitiativePage.objects.filter(owner=citizen).values_list("slug", flat=True))
    assert slugs == ["repair-cafe", "repair-cafe-2"]


def test_bad_input_shows_french_errors_and_stores_nothing(setup, citizen):
    _, territories, _ = setup
    data = helpers.form_data(territories, title="", summary="", latitude="95", longitude="6")
    response = post(helpers.client_for(citizen), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Champ requis." in html
    assert 'role="alert"' in html
    assert not InitiativePage.objects.exists()
    assert not Membership.objects.exists()
    assert not WorkflowState.objects.exists()


def test_a_form_with_errors_leaves_no_image_behind(setup, citizen):
    _, territories, _ = setup
    upload = SimpleUploadedFile("photo.jpg", helpers.jpeg_with_gps(), content_type="image/jpeg")
    data = helpers.form_data(territories, title="", image_alt="Des outils")
    response = post(helpers.client_for(citizen), data, {"image_upload": upload})
    assert response.status_code == 400
    assert not get_image_model().objects.exists()


def test_uploaded_image_is_stored_without_exif_or_gps(setup, citizen):
    _, territories, _ = setup
    raw = helpers.jpeg_with_gps()
    upload = SimpleUploadedFile("maison-de-camille.jpg", raw, content_type="image/jpeg")
    data = helpers.form_data(territories, image_alt="Des outils sur un établi")
    post(helpers.client_for(citizen), data, {"image_upload": upload})
    image = created(citizen).image
    stored = image.file.read()
    assert b"Appareil Secret" not in stored
    with PillowImage.open(io.BytesIO(stored)) as picture:
        assert not picture.getexif()
        assert not picture.getexif().get_ifd(0x8825)
    assert "camille" not in image.file.name
    assert image.title == "Des outils sur un établi"


@pytest.mark.parametrize(
    "hostile, forbidden",
    [
        ("<p>Bonjour<script>alert(1)</script></p>", "<script"),
        ('<p onclick="alert(1)">Bonjour</p>', "onclick"),
        ('<p><a href="javascript:alert(1)">lien</a></p>', "javascript:"),
        ('<p><a href="data:text/html;base64,PHNjcmlwdD4=">lien</a></p>', "data:"),
    ],
)
def test_html_posted_in_the_description_is_cleaned(setup, citizen, hostile, forbidden):
    _, territories, _ = setup
    post(helpers.client_for(citizen), helpers.form_data(territories, description=hostile))
    draft = created(citizen).latest_revision.as_object()
    assert forbidden not in draft.description
    assert "Bonjour" in draft.description or "lien" in draft.description


def test_creations_are_limited_per_account(setup, citizen, settings):
    settings.INITIATIVE_CREATION_RATE_LIMIT = (2, 3600)
    _, territories, _ = setup
    client = helpers.client_for(citizen)
    for _ in range(2):
        assert post(client, helpers.form_data(territories)).status_code == 302
    response = post(client, helpers.form_data(territories))
    assert response.status_code == 429
    assert response.context["form"].has_error("__all__", "rate_limited")
    assert InitiativePage.objects.count() == 2


def test_the_limit_is_per_account(setup, settings):
    settings.INITIATIVE_CREATION_RATE_LIMIT = (1, 3600)
    _, territories, _ = setup
    post(helpers.client_for(UserFactory()), helpers.form_data(territories))
    response = post(helpers.client_for(UserFactory()), helpers.form_data(territories))
    assert response.status_code == 302
    # Each account created its one initiative.
    assert InitiativePage.objects.count() == 2


def test_creator_gets_no_wagtail_admin_e_mails(setup, citizen):
    _, territories, _ = setup
    post(helpers.client_for(citizen), helpers.form_data(territories))
    profile = UserProfile.get_for_user(citizen)
    assert not profile.approved_notifications
    assert not profile.rejected_notifications
    assert not profile.updated_comments_notifications
    subscription = PageSubscription.objects.filter(page=created(citizen), user=citizen).first()
    assert subscription is None or not subscription.comment_notifications


def test_staff_keep_their_own_admin_e_mail_preferences(setup):
    _, territories, _ = setup
    moderator = helpers.moderator()
    post(helpers.client_for(moderator), helpers.form_data(territories))
    assert UserProfile.get_for_user(moderator).approved_notifications


def test_form_offers_every_territory_and_enjeu_to_tick(setup, citizen):
    _, territories, enjeux = setup
    html = helpers.client_for(citizen).get(NEW).content.decode()
    for item in [*territories, *enjeux]:
        assert f'value="{item.pk}"' in html and item.title in html


def test_new_form_starts_without_inspiration(setup, citizen):
    response = helpers.client_for(citizen).get(NEW)
    assert response.context["form"]["inspired_by"].value() == ""
    assert "QuerySet" not in response.content.decode()


def test_a_creation_that_fails_midway_leaves_neither_page_nor_image_file(
    setup, citizen, monkeypatch
):
    def broken(page, user):
        raise RuntimeError("workflow down")

    monkeypatch.setattr(creation.publication, "submit_for_moderation", broken)
    _, territories, _ = setup
    before = (
        set(default_storage.listdir("original_images")[1])
        if default_storage.exists("original_images")
        else set()
    )
    upload = SimpleUploadedFile("photo.jpg", helpers.jpeg_with_gps(), content_type="image/jpeg")
    data = helpers.form_data(territories, image_alt="Des outils")
    with pytest.raises(RuntimeError):
        post(helpers.client_for(citizen), data, {"image_upload": upload})
    assert not InitiativePage.objects.exists()
    assert not get_image_model().objects.exists()
    assert set(default_storage.listdir("original_images")[1]) == before
