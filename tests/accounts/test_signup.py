"""Sign-up with e-mail verification, login, password reset, profile."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from outbox.models import OutgoingEmail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "un-mot-de-passe-solide-2026"


def sign_up(client, email="camille@example.org", display_name="Camille", **extra):
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "display_name": display_name,
            "password1": PASSWORD,
            "password2": PASSWORD,
            **extra,
        },
    )


def confirmation_link(message):
    return re.search(r"https?://[^/\s]+(/comptes/confirm-email/[^\s]+/)", message.body).group(1)


def test_signup_sends_a_verification_email(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client)
    assert response.status_code == 302
    assert mail.outbox[0].to == ["camille@example.org"]
    assert "/comptes/confirm-email/" in mail.outbox[0].body


def test_signup_stores_the_display_name(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, display_name="  Camille   D.  ")
    assert User.objects.get(email="camille@example.org").display_name == "Camille D."


def test_signup_refuses_an_email_as_display_name(client):
    response = sign_up(client, display_name="camille@example.org")
    assert response.status_code == 200
    assert not User.objects.exists()


def test_unverified_account_cannot_log_in(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "camille@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")


def test_verification_link_then_login_works(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    client.logout()
    link = confirmation_link(mail.outbox[0])
    assert client.post(link).status_code == 302
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "camille@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_mail_server_down_does_not_break_signup_and_the_mail_leaves_once_it_is_back(
    client, settings, dead_smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client)
    assert response.status_code == 302
    assert User.objects.filter(email="camille@example.org").exists()
    waiting = OutgoingEmail.objects.get()
    assert waiting.status == OutgoingEmail.Status.FAILED
    assert "ConnectionRefused" in waiting.last_error
    assert mail.outbox == []

    # The mail server is back: the cron's retry_emails sends it, and its link works.
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("retry_emails")
    waiting.refresh_from_db()
    assert waiting.status == OutgoingEmail.Status.SENT
    assert [message.to for message in mail.outbox] == [["camille@example.org"]]
    client.logout()
    assert client.post(confirmation_link(mail.outbox[0])).status_code == 302
    assert EmailAddress.objects.get(email="camille@example.org").verified


def test_password_reset_answers_the_same_for_known_and_unknown_emails(client):
    UserFactory(email="connu@example.org")
    known = client.post(reverse("account_reset_password"), {"email": "connu@example.org"})
    unknown = client.post(reverse("account_reset_password"), {"email": "inconnu@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_signup_with_a_taken_email_looks_like_a_new_signup(client):
    UserFactory(email="camille@example.org")
    response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.filter(email="camille@example.org").count() == 1


def test_profile_requires_login(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_profile_saves_display_name(client, user):
    client.force_login(user)
    response = client.post(reverse("accounts:profile"), {"display_name": "Dominique"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.display_name == "Dominique"


def test_profile_rejects_a_too_long_display_name_and_keeps_the_old_one(client, user):
    client.force_login(user)
    response = client.post(reverse("accounts:profile"), {"display_name": "x" * 61})
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.display_name != "x" * 61


def test_wagtail_admin_login_is_the_site_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/login/")


def test_login_rate_limit_blocks_repeated_failures(client):
    UserFactory(email="camille@example.org")
    for _ in range(6):
        response = client.post(
            reverse("account_login"), {"login": "camille@example.org", "password": "faux"}
        )
    codes = [error.code for error in response.context["form"].non_field_errors().as_data()]
    assert "too_many_login_attempts" in codes


def test_login_rate_limit_is_per_account_not_per_network(client):
    """People sharing a town hall's network keep logging in when one of them fails."""
    UserFactory(email="camille@example.org")
    other = UserFactory(email="dominique@example.org")
    for _ in range(6):
        client.post(reverse("account_login"), {"login": "camille@example.org", "password": "x"})
    response = client.post(
        reverse("account_login"),
        {"login": other.email, "password": "motdepasse-solide-42"},
    )
    assert response.status_code == 302


def test_accounts_root_leads_visitors_to_the_login_page(client):
    response = client.get("/comptes/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
    assert response.status_code == 200
