"""Placeholder, replaced by its owner."""

from django.http import Http404


def edit(request, *args, **kwargs):
    raise Http404


def presence(request, *args, **kwargs):
    raise Http404


def history(request, *args, **kwargs):
    raise Http404


def revision(request, *args, **kwargs):
    raise Http404


def restore(request, *args, **kwargs):
    raise Http404
