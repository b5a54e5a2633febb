"""What the bench reads from the site in process, on the database of its environment.

Run by bench/run.py with the bench's environment, printing JSON:

- ``python -m bench.facts urls``: the values the scenarios' paths need (the floor's static
  file, a published contribution, Grand Belfort's page id, an event page, the long thread and
  its forum), a
  session of a seeded citizen for the signed-in runs, its cookie, and the logout form's
  opening that tells a signed-in page from an anonymous one;
- ``python -m bench.facts queries '{"paths": [...], "cookie": "sessionid=…"}'``: the SQL
  queries of one request to each path, signed out and signed in (Django's test client, after a
  warm-up request, so a cached page counts what a cache hit costs).
"""

import argparse
import json

# A citizen seeded by bench/seed_initiatives.py (a member of some initiatives).
CITIZEN = "banc1"


def signed_in_session(user):
    """A new session of ``user``, as a login would store it (accounts.sessions)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string

    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def urls():
    from django.templatetags.static import static
    from django.urls import reverse

    from accounts.models import User
    from bench import seed_forums
    from cms_pages.models import EventPage, TerritoryPage
    from consultation.models import Contribution

    forum = seed_forums.urls()
    return {
        # A small stylesheet under its hashed name, as pages link it: WhiteNoise's middleware
        # answers it before sessions, the page cache or any view.
        "floor": static("search/search.css"),
        "published": Contribution.objects.published()
        .order_by("pk")
        .values_list("pk", flat=True)[100],
        "territory": TerritoryPage.objects.get(slug="grand-belfort").pk,
        "event": EventPage.objects.get(slug="capitalisation-grand-belfort").get_url(),
        "long_thread": forum["thread"],
        "enjeu_forum": forum["forum"],
        "cookie": signed_in_session(User.objects.get(username=CITIZEN)),
        "logout_marker": f'action="{reverse("account_logout")}"',
    }


def queries(paths, cookie):
    """{path: {"signed out": n, "signed in": n}}: SQL queries of one request each."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    name, _equals, key = cookie.partition("=")
    clients = {"signed out": Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)}
    clients["signed in"] = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    clients["signed in"].cookies[name] = key
    counts = {}
    for path in paths:
        counts[path] = {}
        for variant, client in clients.items():
            read(client, path)
            with CaptureQueriesContext(connection) as captured:
                read(client, path)
            counts[path][variant] = len(captured.captured_queries)
    return counts


def read(client, path):
    """GET ``path``, reading a streamed body to its end (the CSV queries as it streams)."""
    response = client.get(path)
    if response.streaming:
        for _chunk in response.streaming_content:
            pass


def main():
    import django

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fact", choices=["urls", "queries"])
    parser.add_argument("arguments", nargs="?", default="{}", help="JSON (queries)")
    args = parser.parse_args()
    django.setup()
    if args.fact == "urls":
        print(json.dumps(urls()))
    else:
        arguments = json.loads(args.arguments)
        print(json.dumps(queries(arguments["paths"], arguments["cookie"])))


if __name__ == "__main__":
    main()
