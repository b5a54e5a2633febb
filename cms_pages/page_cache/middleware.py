"""The page cache's middleware, right after WhiteNoise: a hit costs two cache reads."""

import hashlib

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response

from theme.middleware import chosen_language

from . import versions

# Besides the session cookie (signed in, a password-protected page, anything kept for the
# visitor), what a cacheable request may not carry: a message waiting to be shown.
PRIVATE_COOKIES = ("messages",)
# Headers a stored copy never keeps.
DROPPED_HEADERS = {"set-cookie"}


def is_anonymous_read(request):
    if request.method != "GET" or settings.PAGE_CACHE_SECONDS <= 0:
        return False
    cookies = {settings.SESSION_COOKIE_NAME, *PRIVATE_COOKIES}
    if any(name in request.COOKIES for name in cookies):
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def entry_key(request):
    """The URL as asked (path and query string), the host, the language, whether htmx asked
    for a fragment, and the release (a new deployment renders anew)."""
    parts = (
        settings.RELEASE,
        request.get_host(),
        chosen_language(request),
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-Target", ""),
        request.get_full_path(),
    )
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"page:{digest}"


def storable(request, response):
    """A full, successful answer of a view that named what it shows, into which nothing of
    this visitor went: no CSRF token (it would be served to the next visitor), no cookie, no
    message."""
    dependencies = request.page_cache
    messages = getattr(request, "_messages", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and dependencies.named
        and dependencies.settled()
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (messages is not None and len(messages))
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def stored(response, tokens):
    headers = [(k, v) for k, v in response.items() if k.lower() not in DROPPED_HEADERS]
    return {"tokens": tokens, "headers": headers, "content": response.content}


def replayed(request, entry):
    """The stored response, or a 304 when it has an ETag the visitor already holds."""
    response = HttpResponse(entry["content"])
    for name, value in entry["headers"]:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return get_conditional_response(request, etag=response.get("ETag"), response=response)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_anonymous_read(request):
            return self.get_response(request)
        cache, key = versions.cache(), entry_key(request)
        entry = cache.get(key)
        if entry is not None and versions.current(entry["tokens"]) == entry["tokens"]:
            return replayed(request, entry)
        request.page_cache = versions.Dependencies()
        # What every page shows (menus, footers) is read first, before any row.
        request.page_cache.add([versions.SITE])
        response = self.get_response(request)
        if storable(request, response):
            cache.set(key, stored(response, request.page_cache.tokens), settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response
