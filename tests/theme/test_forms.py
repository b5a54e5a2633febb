"""Account pages in the site's layout, with labelled fields and errors tied to them."""

import re

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def build_world():
    """The site's home page, built once for the module."""
    return factories.site_with_home_page()


@pytest.fixture
def home_page(world):
    return world


def test_signup_page_uses_the_site_layout(client, home_page):
    html = client.get(reverse("account_signup")).content.decode()
    assert '<main id="contenu"' in html
    assert '<footer class="site-footer">' in html


def test_every_signup_field_has_a_label(client, home_page):
    html = client.get(reverse("account_signup")).content.decode()
    inputs = re.findall(r'<(?:input|select)[^>]*\bid="(id_\w+)"', html)
    assert {"id_email", "id_display_name", "id_password1", "id_password2"} <= set(inputs)
    for field_id in inputs:
        assert f'<label for="{field_id}">' in html, field_id


def test_required_fields_are_marked(client, home_page):
    html = client.get(reverse("account_signup")).content.decode()
    label = re.search(r'<label for="id_display_name">.*?</label>', html, re.S).group()
    assert 'class="required-mark"' in label
    optional = re.search(r'<label for="id_home_territory">.*?</label>', html, re.S).group()
    assert "required-mark" not in optional


def test_profile_error_is_shown_next_to_its_field_and_tied_to_it(client, home_page, user):
    client.force_login(user)
    html = client.post(
        reverse("accounts:profile"), {"display_name": "moi@example.org"}
    ).content.decode()
    field = re.search(
        r'<label for="id_display_name">.*?<input[^>]*id="id_display_name"', html, re.S
    )
    assert 'id="id_display_name_error"' in field.group()
    widget = re.search(r'<input[^>]*id="id_display_name"[^>]*>', html).group()
    assert 'aria-invalid="true"' in widget
    assert "id_display_name_error" in re.search(r'aria-describedby="([^"]*)"', widget).group(1)
