"""Bad values in the query string or a form are a 400 (or a 404, or the form asking again) with
a French message, never a server error: each value that once made a 500 (issue 14, defect 7),
and the parsers and the safety net that keep them out (theme.params, theme.bad_input)."""

import pytest
from django.contrib.auth.models import Group
from django.db import DataError, connection
from django.http import HttpResponse
from django.test import Client
from django.urls import path, reverse
from wagtail.models import Page

from accounts.models import User
from initiatives.models import InitiativePage, Membership
from theme.params import MAX_ID, BadParameter, clean_text_param, parse_id, require_id
from website import urls as website_urls

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"  # 20 digits: more than a 64-bit integer holds
SUPERSCRIPT = "²"  # passes str.isdigit(), int() refuses it
NUMBER_MESSAGE = "doit être un nombre entier"
CHARACTERS_MESSAGE = "contient des caractères que le site ne peut pas lire"
SAFETY_NET_MESSAGE = "contient un caractère interdit"


def visitor():
    return Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="fr")


def logged_in(user):
    client = visitor()
    client.force_login(user)
    return client


@pytest.fixture
def initiative(shared_demo):
    return InitiativePage.objects.live().filter(memberships__isnull=False).first()


@pytest.fixture
def porteur(initiative):
    membership = Membership.objects.active().filter(initiative=initiative).first()
    return logged_in(membership.user)


@pytest.fixture
def facilitator(shared_demo):
    user = User.objects.create_user(username="animatrice", email="anim@example.org")
    user.groups.add(Group.objects.get(name="Animateurs"))
    return logged_in(user)


# The parsers


@pytest.mark.parametrize("value", ["0", "7", "0012", str(MAX_ID)])
def test_parse_id_reads_ascii_digits(value):
    assert parse_id(value) == int(value)


@pytest.mark.parametrize(
    "value",
    [None, "", " 7", "7 ", "-1", "+1", "1_000", "1e3", "²", "١٢", "７", str(MAX_ID + 1), HUGE],
)
def test_parse_id_refuses_anything_else(value):
    assert parse_id(value) is None


def test_parse_id_has_an_upper_bound():
    assert parse_id("50", max_value=20) is None
    assert parse_id("20", max_value=20) == 20


def test_require_id_names_the_parameter():
    with pytest.raises(BadParameter, match="inspiration"):
        require_id(SUPERSCRIPT, "inspiration")


@pytest.mark.parametrize("value", ["a\x00b", "\ud800"])
def test_clean_text_param_refuses_nul_and_lone_surrogates(value):
    with pytest.raises(BadParameter):
        clean_text_param(value, "territoire")


def test_clean_text_param_cuts_and_keeps_none():
    assert clean_text_param("abcdef", "q", max_length=3) == "abc"
    assert clean_text_param(None, "q") is None


# The values that made a 500


@pytest.mark.parametrize("value", [SUPERSCRIPT, "²³", HUGE, "-1", "abc"])
def test_a_bad_inspiration_is_a_400_in_french(porteur, value):
    response = porteur.get(reverse("initiatives:new"), {"inspiration": value})
    assert response.status_code == 400
    assert NUMBER_MESSAGE in response.content.decode()
    assert "« inspiration »" in response.content.decode()


def test_a_bad_session_in_a_presence_ping_is_a_400(porteur, initiative):
    url = reverse("initiatives:presence", args=[initiative.pk])
    for value in (SUPERSCRIPT, HUGE):
        response = porteur.post(url, {"session": value})
        assert response.status_code == 400
        assert NUMBER_MESSAGE in response.content.decode()


def test_a_bad_base_revision_is_a_400_and_saves_nothing(porteur, initiative):
    revisions = initiative.revisions.count()
    url = reverse("initiatives:edit", args=[initiative.pk])
    for value in (SUPERSCRIPT, HUGE):
        response = porteur.post(url, {"base_revision": value, "title": "Changé"})
        assert response.status_code == 400
        assert "La version sur laquelle se fonde ce formulaire" in response.content.decode()
    assert initiative.revisions.count() == revisions


@pytest.mark.parametrize("value", ["#²²", "²²²", "#" + HUGE])
def test_a_typed_number_in_the_suggestions_is_not_a_500(porteur, value):
    response = porteur.get(reverse("initiatives:contributions-suggestions"), {"q": value})
    assert response.status_code == 200
    assert response.json() == {"results": []}


@pytest.mark.parametrize("value", [HUGE, SUPERSCRIPT])
def test_a_bad_event_in_the_capture_url_asks_for_the_event_again(facilitator, value):
    response = facilitator.get(reverse("consultation:capture"), {"evenement": value})
    assert response.status_code == 200
    assert "Choisissez un événement dans la liste." in response.content.decode()


@pytest.mark.parametrize("url", ["/api/territoires.geojson", "/flux/initiatives.atom"])
def test_the_territoire_parameter_refuses_a_nul_byte(shared_demo, url):
    response = visitor().get(url, {"territoire": "grand\x00belfort"})
    assert response.status_code == 400
    assert "« territoire »" in response.content.decode()
    assert CHARACTERS_MESSAGE in response.content.decode()


# The Wagtail API


def api(**params):
    return visitor().get("/api/v2/pages/", params)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("offset", HUGE),
        ("offset", SUPERSCRIPT),
        ("offset", "-1"),
        ("limit", HUGE),
        ("child_of", HUGE),
        ("descendant_of", SUPERSCRIPT),
        ("id", HUGE),
    ],
)
def test_api_refuses_a_bad_number_in_french(shared_demo, name, value):
    response = api(**{name: value})
    assert response.status_code == 400
    assert f"Le paramètre « {name} » doit être un nombre entier" in response.json()["message"]


@pytest.mark.parametrize("value", ["abc", "1e9", "%", "", SUPERSCRIPT, HUGE])
def test_api_find_refuses_an_id_that_is_not_a_number(shared_demo, value):
    response = visitor().get("/api/v2/pages/find/", {"id": value})
    assert response.status_code == 400
    assert "Le paramètre « id » doit être un nombre entier" in response.json()["message"]


def test_api_find_still_finds_a_page(shared_demo):
    page = Page.objects.live().exclude(depth=1).first()
    response = visitor().get("/api/v2/pages/find/", {"id": str(page.pk)})
    assert response.status_code == 302


@pytest.mark.parametrize("name", ["search", "locale", "type", "fields", "order", "title"])
def test_api_refuses_a_nul_byte_in_french(shared_demo, settings, name):
    # Wagtail's own view answers, even without the safety net.
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "BadInput" not in m]
    response = api(**{name: "a\x00b"})
    assert response.status_code == 400
    assert CHARACTERS_MESSAGE in response.json()["message"]


@pytest.mark.parametrize("value", ['"', 'semaine "', '"""', 'a"b', "", "   "])
def test_api_search_with_a_double_quote_or_no_word_answers(shared_demo, value):
    response = api(search=value)
    assert response.status_code == 200
    assert "items" in response.json()


def test_api_still_reads_good_numbers_and_root(shared_demo):
    assert api(offset="0", limit="5").status_code == 200
    assert api(child_of="root").status_code == 200


# The safety net (theme.bad_input), for a view that sends a parameter to the database unchecked


def unchecked(request):
    """Writes a row, then looks up the parameter ``q`` as it came: PostgreSQL refuses a NUL
    byte (SQLite does not: the view says what PostgreSQL would); a number beyond the
    database's integers overflows."""
    value = request.GET.get("q") or request.POST.get("q", "")
    Group.objects.create(name="written by the failing request")
    if value.isdecimal():
        Group.objects.filter(pk__in=[int(value)]).exists()
    Group.objects.filter(name=value).exists()
    if "\x00" in value and connection.vendor == "sqlite":
        raise DataError("PostgreSQL text fields cannot contain NUL (0x00) bytes")
    return HttpResponse("ok")


urlpatterns = [
    path("essai/", unchecked),
    path("api/essai/", unchecked),
    *website_urls.urlpatterns,
]
handler400 = website_urls.handler400
handler404 = website_urls.handler404
handler500 = website_urls.handler500

unchecked_view = pytest.mark.urls(__name__)


@unchecked_view
@pytest.mark.parametrize("query", ["?q=%00", "?q=a%00b", "?x=1&q=%00"])
def test_a_nul_byte_failing_a_view_is_a_french_400_and_writes_nothing(shared_demo, query):
    response = visitor().get(f"/essai/{query}")
    assert response.status_code == 400
    assert SAFETY_NET_MESSAGE in response.content.decode()
    assert not Group.objects.filter(name="written by the failing request").exists()


@unchecked_view
def test_a_nul_byte_in_a_form_failing_a_view_is_a_400(porteur):
    response = porteur.post("/essai/", {"q": "nul\x00"})
    assert response.status_code == 400
    assert SAFETY_NET_MESSAGE in response.content.decode()


@unchecked_view
def test_under_api_the_safety_net_answers_json(shared_demo):
    response = visitor().get("/api/essai/?q=%00")
    assert response.status_code == 400
    assert SAFETY_NET_MESSAGE in response.json()["message"]


@pytest.mark.sqlite  # PostgreSQL compares the number as it is: no overflow there
@unchecked_view
def test_a_number_overflowing_the_database_is_a_400(shared_demo):
    response = visitor().get(f"/essai/?q={HUGE}")
    assert response.status_code == 400
    assert "Un nombre envoyé est trop grand." in response.content.decode()
    assert not Group.objects.filter(name="written by the failing request").exists()


@unchecked_view
def test_a_view_that_does_not_fail_answers_as_usual(shared_demo):
    assert visitor().get("/essai/?q=ordinaire").status_code == 200


def test_a_nul_byte_in_the_address_is_a_french_400(shared_demo):
    response = visitor().get("/discussions/desabonnement/a%00b/")
    assert response.status_code == 400
    assert SAFETY_NET_MESSAGE in response.content.decode()


@pytest.mark.postgres
@unchecked_view
def test_postgresql_refusing_a_nul_byte_is_a_400_and_writes_nothing(shared_demo):
    response = visitor().get("/essai/?q=a%00b")
    assert response.status_code == 400
    assert not Group.objects.filter(name="written by the failing request").exists()


@pytest.mark.parametrize(
    "url",
    [
        f"/initiatives/{HUGE}/statut/",
        f"/initiatives/{HUGE}/modifier/",
        f"/initiatives/{HUGE}/discussions/",
        f"/_util/authenticate_with_password/{HUGE}/{HUGE}/",
    ],
)
def test_an_id_in_the_path_beyond_the_database_is_a_404(porteur, url):
    response = porteur.get(url)
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
