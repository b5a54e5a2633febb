"""Staff two-factor authentication (issue 14): Éditeurs, Modérateurs and superusers give a
second factor (TOTP or a recovery code, allauth MFA) before any admin page; Animateurs are
offered it. The codes are real ones, computed from the secret (tests/factories.py)."""

import re
import time
from urllib.parse import quote

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.rules import EDITORS, FACILITATORS, MODERATORS
from tests.factories import (
    UserFactory,
    staff_login,
    totp_code,
    totp_device,
)

pytestmark = pytest.mark.django_db

PASSWORD = "motdepasse-solide-42"  # tests/factories.py
ACTIVATE = "/comptes/2fa/totp/activate/"
REAUTHENTICATE = "/comptes/2fa/reauthenticate/"


def member_of(group):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group))
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def superuser():
    user = UserFactory(is_staff=True, is_superuser=True)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def password_login(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return response


STAFF = [lambda: member_of(EDITORS), lambda: member_of(MODERATORS), superuser]
STAFF_IDS = ["editor", "moderator", "superuser"]


@pytest.mark.parametrize("make", STAFF, ids=STAFF_IDS)
@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/api/main/pages/"])
def test_staff_without_an_app_are_sent_to_set_one_up(client, make, path):
    user = make()
    password_login(client, user)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(ACTIVATE)


@pytest.mark.parametrize("make", STAFF, ids=STAFF_IDS)
def test_staff_with_an_app_enter_a_code_before_the_admin(client, make):
    user = make()
    totp_device(user)
    client.force_login(user)  # a session that never gave the second factor
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == f"{REAUTHENTICATE}?next=%2Fadmin%2F"
    response = client.post(response["Location"], {"code": totp_code()})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_keeps_the_admin_shut(client):
    user = member_of(MODERATORS)
    totp_device(user)
    client.force_login(user)
    wrong = f"{(int(totp_code()) + 1) % 1_000_000:06d}"
    response = client.post(REAUTHENTICATE, {"code": wrong, "next": "/admin/"})
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_login_asks_the_code_then_opens_the_admin(client):
    user = member_of(EDITORS)
    totp_device(user)
    response = password_login(client, user)
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session  # no session before the second factor
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_opens_the_admin_too(client):
    user = member_of(MODERATORS)
    totp_device(user)
    codes = RecoveryCodes.activate(user).get_unused_codes()
    client.force_login(user)
    assert client.get("/admin/").status_code == 302
    response = client.post(REAUTHENTICATE, {"code": codes[0], "next": "/admin/"})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_setting_up_the_app_with_a_real_code_opens_the_admin(client):
    user = member_of(MODERATORS)
    password_login(client, user)
    # allauth asks the password again before adding an authenticator (a session left open
    # elsewhere cannot add one).
    response = client.get(ACTIVATE)
    assert (
        response["Location"]
        == f"{reverse('account_reauthenticate')}?next={quote(ACTIVATE, safe='')}"
    )
    response = client.post(response["Location"], {"password": PASSWORD})
    assert response["Location"] == ACTIVATE
    page = client.get(ACTIVATE)
    assert page.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in page.text
    secret = page.context["form"].secret
    assert re.fullmatch(r"[A-Z2-7]+=*", secret)
    assert "Aux%20actes%20citoyens" in page.context["totp_url"]
    response = client.post(ACTIVATE, {"code": totp_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    assert Authenticator.objects.filter(user=user, type="totp").exists()
    codes = client.get(response["Location"])
    assert codes.status_code == 200
    assert len(codes.context["unused_codes"]) == 10
    assert 'href="/admin/"' in codes.text
    assert client.get("/admin/").status_code == 200
    # A new session needs a code again.
    client.logout()
    password_login(client, user)
    assert "_auth_user_id" not in client.session


def test_a_code_is_accepted_once(client):
    user = member_of(MODERATORS)
    totp_device(user)
    code = totp_code()
    client.force_login(user)
    client.post(REAUTHENTICATE, {"code": code, "next": "/admin/"})
    assert client.get("/admin/").status_code == 200
    other = type(client)()
    other.force_login(user)
    response = other.post(REAUTHENTICATE, {"code": code, "next": "/admin/"})
    assert response.status_code == 200
    assert other.get("/admin/").status_code == 302


def test_facilitators_are_offered_the_app_not_forced(client):
    user = member_of(FACILITATORS)
    client.force_login(user)
    profile = client.get(reverse("accounts:profile"))
    assert reverse("mfa_index") in profile.text
    # Not sent to the set-up page: the admin lets them in (as far as their permissions go).
    response = client.get("/admin/")
    assert not response.get("Location", "").startswith((ACTIVATE, REAUTHENTICATE))


def test_citizens_are_not_offered_the_app(client, user):
    client.force_login(user)
    assert reverse("mfa_index") not in client.get(reverse("accounts:profile")).text


def test_staff_login_helper_marks_the_session_as_allauth_does(client):
    user = member_of(EDITORS)
    staff_login(client, user)
    records = client.session["account_authentication_methods"]
    assert [record["method"] for record in records] == ["mfa"]
    assert records[0]["at"] <= time.time()
    assert client.get("/admin/").status_code == 200


def test_the_second_factor_belongs_to_the_user_who_gave_it(client):
    """A session marked for one account does not open the admin to another account."""
    first, second = member_of(EDITORS), member_of(EDITORS)
    staff_login(client, first)
    client.force_login(second)
    assert client.get("/admin/").status_code == 302
