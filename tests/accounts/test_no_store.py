"""Private pages are never stored (issue 14): ``Cache-Control: no-store`` under /admin/ and
/comptes/ and on every view that requires login; public pages keep their caching."""

import pytest
from django.contrib.auth.models import Group

from accounts.rules import EDITORS
from tests.factories import UserFactory, staff_login

pytestmark = pytest.mark.django_db


def no_store(response):
    return "no-store" in response.get("Cache-Control", "")


@pytest.mark.parametrize(
    "path", ["/comptes/profil/", "/comptes/email/", "/comptes/password/change/", "/comptes/2fa/"]
)
def test_account_pages_are_not_stored(client, user, path):
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    assert no_store(response)


def test_login_and_reset_pages_are_not_stored(client):
    assert no_store(client.get("/comptes/login/"))
    assert no_store(client.get("/comptes/password/reset/"))


def test_admin_pages_are_not_stored(client):
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name=EDITORS))
    staff_login(client, editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert no_store(response)


def test_a_login_required_view_elsewhere_is_not_stored(client, user, home_page):
    client.force_login(user)
    response = client.get("/contributions/mes-contributions/")
    assert response.status_code == 200
    assert no_store(response)


def test_public_pages_stay_cacheable(client, home_page):
    assert not no_store(client.get("/"))
