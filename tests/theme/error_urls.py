"""The site's URLs plus views that fail, for tests/theme/test_error_pages.py."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import OperationalError
from django.urls import path

from website.urls import (  # noqa: F401 - the handlers under test
    handler400,
    handler403,
    handler404,
    handler500,
)
from website.urls import urlpatterns as site_urlpatterns


def fails(request):
    raise RuntimeError("a bug")


def database_down(request):
    raise OperationalError("could not connect to server")


def suspicious(request):
    raise SuspiciousOperation("odd input")


def denied(request):
    raise PermissionDenied


urlpatterns = [
    path("test-erreur/", fails),
    path("test-base-indisponible/", database_down),
    path("test-suspect/", suspicious),
    path("test-interdit/", denied),
    *site_urlpatterns,
]
