"""Links in e-mails point at the public site."""

from outbox.links import absolute_url


def test_a_path_gets_the_public_site_in_front(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://example.org/"
    assert absolute_url("/initiatives/jardin/") == "https://example.org/initiatives/jardin/"


def test_an_absolute_address_is_kept(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://example.org"
    assert absolute_url("http://other.example/a/") == "http://other.example/a/"
