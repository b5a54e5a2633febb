"""Placeholder, replaced by its owner."""

from django.http import Http404


def my_initiatives(request, *args, **kwargs):
    raise Http404


def join(request, *args, **kwargs):
    raise Http404


def leave(request, *args, **kwargs):
    raise Http404


def members(request, *args, **kwargs):
    raise Http404


def membership_action(request, *args, **kwargs):
    raise Http404


def contact(request, *args, **kwargs):
    raise Http404


def report(request, *args, **kwargs):
    raise Http404
