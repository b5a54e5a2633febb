"""ETags from version keys, for what is streamed and so never stored whole (the open data
CSV files): a client or a proxy that already holds the current file gets a 304 at the cost
of one cache read, and the file is generated again only after what it holds changed."""

import hashlib

from django.conf import settings
from django.http import HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags

from theme.middleware import chosen_language

from . import versions


def etag(request, *names):
    """A strong ETag of the response to ``request``: its URL, language, the release and the
    current tokens of ``names`` (and of ``site``)."""
    tokens = versions.current([versions.SITE, *names])
    parts = [settings.RELEASE, chosen_language(request), request.get_full_path()]
    parts += [f"{name}={token}" for name, token in sorted(tokens.items())]
    return '"' + hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32] + '"'


def not_modified(request, tag):
    """A 304 when the client sent ``If-None-Match`` holding ``tag``, else None."""
    if tag in parse_etags(request.headers.get("If-None-Match", "")):
        response = HttpResponseNotModified()
        response["ETag"] = tag
        return response
    return None


def mark(response, tag):
    """Give ``response`` its ETag, to be checked again on every use."""
    response["ETag"] = tag
    patch_cache_control(response, no_cache=True)
    return response
