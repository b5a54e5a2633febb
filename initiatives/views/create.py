"""Placeholder, replaced by its owner."""

from django.http import Http404


def new_initiative(request, *args, **kwargs):
    raise Http404


def status(request, *args, **kwargs):
    raise Http404


def image(request, *args, **kwargs):
    raise Http404
