"""One login path (issue 14, defect 1): /admin/login/ is allauth's login, with its e-mail
verification and its throttle; Wagtail's password reset and account forms are off."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "motdepasse-solide-42"  # tests/factories.py
ADMIN_LOGIN = "/admin/login/"


def signed_in(client):
    return "_auth_user_id" in client.session


def verified(user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.mark.parametrize(
    "fields",
    [
        lambda user: {"username": user.username, "password": PASSWORD},  # Wagtail's form
        lambda user: {"username": user.email, "password": PASSWORD},
        lambda user: {"login": user.email, "password": PASSWORD},  # allauth's form
    ],
    ids=["wagtail-username", "wagtail-email", "allauth"],
)
def test_an_unverified_account_gets_no_session_through_the_admin_login(
    client, fields, django_capture_on_commit_callbacks
):
    user = UserFactory(is_staff=True)  # no verified address
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ADMIN_LOGIN, fields(user))
    assert not signed_in(client)
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_the_admin_login_is_allauths_form(client):
    response = client.get(f"{ADMIN_LOGIN}?next=/admin/pages/")
    assert response.status_code == 200
    assert 'name="login"' in response.text
    assert 'value="/admin/pages/"' in response.text
    assert response.context["form"].__class__.__module__.startswith("allauth.")


def test_a_verified_account_signs_in_through_the_admin_login(client):
    user = verified(UserFactory())
    response = client.post(ADMIN_LOGIN, {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert signed_in(client)


def test_the_admin_login_leads_back_to_the_admin(client):
    assert 'value="/admin/"' in client.get(ADMIN_LOGIN).text
    user = verified(UserFactory())
    response = client.post(ADMIN_LOGIN, {"login": user.email, "password": PASSWORD})
    assert response["Location"] == "/admin/"
    assert signed_in(client)


def test_the_signed_in_message_names_the_person_never_the_username(client):
    user = verified(UserFactory(username="interne.42", display_name="Claire C."))
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}, follow=True
    )
    shown = " ".join(str(message) for message in response.context["messages"])
    assert "Claire C." in shown
    assert "interne.42" not in response.text


def test_an_account_locked_on_the_site_login_is_locked_on_the_admin_login(client):
    user = verified(UserFactory())
    for _ in range(5):
        client.post(reverse("account_login"), {"login": user.email, "password": "faux"})
    response = client.post(ADMIN_LOGIN, {"login": user.email, "password": PASSWORD})
    assert not signed_in(client)
    codes = [error.code for error in response.context["form"].non_field_errors().as_data()]
    assert "too_many_login_attempts" in codes


def test_failures_on_the_admin_login_lock_the_account_everywhere(client):
    user = verified(UserFactory())
    for _ in range(5):
        client.post(ADMIN_LOGIN, {"login": user.email, "password": "faux"})
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert not signed_in(client)


def test_the_admin_password_reset_sends_no_mail(client, django_capture_on_commit_callbacks):
    user = verified(UserFactory(is_staff=True, is_superuser=True))
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            response = client.post("/admin/password_reset/", {"email": user.email})
    assert response.status_code == 404
    assert mail.outbox == []


def test_the_admin_logout_is_allauths(client):
    user = verified(UserFactory())
    client.force_login(user)
    response = client.post("/admin/logout/")
    assert response.status_code == 302
    assert not signed_in(client)
