"""Placeholder, replaced by its owner."""

from django.http import Http404


def initiatives_geojson(request, *args, **kwargs):
    raise Http404
