"""Crawl the site as a visitor: every page reachable from the home page and the sitemap.

Run against a database with the demo content: ``python -m tests.crawl [--out FILE]``. Prints one
line per URL (status, URL, title) and exits non-zero on any error status, broken link or
template error. The Django test client is used, so no server has to run.
"""

import argparse
import html.parser
import os
import sys
from urllib.parse import urldefrag, urljoin, urlsplit

# The test client's host, and the hosts the demo site and its sitemap name.
LOCAL_HOSTS = ("", "testserver", "localhost", "127.0.0.1")
SKIPPED_PREFIXES = ("/admin/", "/documents/", "/static/", "/media/", "/i18n/", "/comptes/")


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.title, self._in_title = [], "", False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def _internal(base, href):
    url, _ = urldefrag(urljoin(base, href))
    parts = urlsplit(url)
    if parts.scheme not in ("http", "") or (parts.hostname or "") not in LOCAL_HOSTS:
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if not path.startswith("/") or path.startswith(SKIPPED_PREFIXES):
        return None
    return path


def crawl(client, start=("/",), limit=5000):
    """Return {url: (status, title, referrer)} for every page reachable from ``start``."""
    seen = {}
    queue = [(url, None) for url in start]
    while queue and len(seen) < limit:
        url, referrer = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        content_type = response.get("Content-Type", "")
        parser = _Links()
        if content_type.startswith("text/html"):
            parser.feed(response.content.decode())
        elif "xml" in content_type:
            text = response.content.decode()
            parser.links = [part.split("</loc>")[0] for part in text.split("<loc>")[1:]]
        seen[url] = (response.status_code, " ".join(parser.title.split()), referrer)
        if response.status_code == 200:
            for href in parser.links:
                target = _internal("http://testserver" + url, href)
                if target and target not in seen:
                    queue.append((target, url))
    return seen


def probe(client, listing):
    """``(url, status, "probe")`` of each URL of ``listing`` (a crawl output) answering 5xx.

    Run on a database that had plugins switched on, then off: their pages may answer 404,
    never a server error."""
    errors = []
    with open(listing) as lines:
        for line in lines:
            url = line.split("\t")[1]
            status = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").status_code
            if status >= 500:
                errors.append((url, status, "probe"))
    return errors


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", help="write the URL list (status, URL, title) to this file")
    parser.add_argument("--start", action="append", default=["/"])
    parser.add_argument(
        "--probe",
        help="also request every URL of this crawl output file: none may answer a server error",
    )
    parser.add_argument(
        "--setup",
        action="store_true",
        help="first run check, migrate, createcachetable and load_demo_content (one process "
        "saves Django's start-up for each)",
    )
    parser.add_argument("--no-crawl", action="store_true", help="stop after --setup")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")
    import django  # noqa: PLC0415 - settings are chosen above, before Django loads

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415 - needs django.setup()
    from django.test import Client  # noqa: PLC0415 - needs django.setup()

    call_command("check", fail_level="ERROR")
    if args.setup:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable")
        call_command("load_demo_content", verbosity=0)
    if args.no_crawl:
        return 0
    client = Client(raise_request_exception=False)
    pages = crawl(client, start=tuple(dict.fromkeys(args.start)))
    lines = [f"{status}\t{url}\t{title}" for url, (status, title, _) in sorted(pages.items())]
    if args.out:
        with open(args.out, "w") as out:
            out.write("\n".join(lines) + "\n")
    errors = [(url, s, ref) for url, (s, _, ref) in pages.items() if s >= 400]
    if args.probe:
        errors += probe(client, args.probe)
    for url, status, referrer in errors:
        print(f"ERROR {status} {url} (linked from {referrer})", file=sys.stderr)
    print(f"{len(pages)} URLs, {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
