"""Benchmark harness: serve the site under gunicorn on PostgreSQL and measure pages.

Keeps a template database (migrated, demo content, 100,000 seeded contributions, 5,000
seeded initiatives, a 5,000-comment discussion among 50,000 comments, and the search documents
of all of them), built once
and rebuilt only with --reseed or when the migrations or the seeding code change; each run
copies it (CREATE DATABASE ... TEMPLATE) into a database of its own, serves that on 127.0.0.1
only, then reports for each scenario: requests per second, median and 99th-percentile latency
under a small concurrent load, the SQL queries one request runs and the response size.
Later features add their scenarios to SCENARIOS.
"""

import argparse
import hashlib
import http.client
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DB_NAME = os.environ.get("BENCH_DB_NAME", "aux_actes_citoyens_bench")
TEMPLATE_NAME = os.environ.get("BENCH_TEMPLATE_DB_NAME", f"{DB_NAME}_tpl")
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")

# The five territories' extent (their centres ± the seeding spread, and Giromagny).
REGION_BBOX = "6.55,47.35,7.20,47.90"
# About 2 km around Belfort's centre (47.6397, 6.8638).
COMMUNE_BBOX = "6.8538,47.6297,6.8738,47.6497"

SCENARIOS = {
    "home": "/",
    "territory": "/territoires/grand-belfort/",
    "enjeu": "/enjeux/mobilite/",
    "territories (GeoJSON)": "/api/territoires.geojson",
    "contributions map": "/contributions/",
    "GeoJSON region z9": f"/api/contributions.geojson?bbox={REGION_BBOX}&zoom=9",
    "GeoJSON territory z11": "/api/contributions.geojson?territoire=grand-belfort&zoom=11",
    "GeoJSON commune z15": f"/api/contributions.geojson?bbox={COMMUNE_BBOX}&zoom=15",
    "contributions list p5": "/contributions/?page=5",
    # {published} is a published contribution's id, read from the database once it exists.
    "contribution page": "/contributions/{published}/",
    # The planisphère des solutions over the seeded initiatives (bench/seed_initiatives.py).
    "planisphère": "/initiatives/",
    "planisphère filtered": "/initiatives/?territoire=grand-belfort&maturite=activite",
    "planisphère p10": "/initiatives/?page=10",
    "initiatives GeoJSON z9": f"/api/initiatives.geojson?bbox={REGION_BBOX}&zoom=9",
    "initiatives GeoJSON z11": "/api/initiatives.geojson?territoire=grand-belfort&zoom=11",
    "initiatives GeoJSON z15": f"/api/initiatives.geojson?bbox={COMMUNE_BBOX}&zoom=15",
    # A published seeded initiative (banc-<n>: every twentieth is a draft, 100 is not).
    "initiative page": "/initiatives/banc-100/",
    # The forum of the enjeu "Mobilité" (its demo threads and 301 seeded ones, first page) and
    # its seeded 5,000-comment thread (first page): paths from bench/seed_forums.py --urls.
    "enjeu forum": "{enjeu_forum}",
    "thread 5,000 comments": "{long_thread}",
    # The site search (database engine) over every seeded object's document: a word found
    # in thousands of documents, two words, a rare word (bench/seed_search.py), facets
    # ({territory} is Grand Belfort's page id), a deep page, and the search box's suggestions.
    "search broad": "/recherche/?q=mobilite",
    "search two words": "/recherche/?q=ecole+transport",
    "search rare word": "/recherche/?q=funiculaire",
    "search filtered": "/recherche/?q=mobilite&type=revolte&territoire={territory}",
    "search p5": "/recherche/?q=mobilite&page=5",
    "search suggestions": "/recherche/suggestions?q=mob",
}
# The targets at 100,000 contributions.
ZOOMED_OUT = "GeoJSON region z9"
MAX_ZOOMED_OUT_BYTES = 200_000
MAX_ZOOMED_OUT_MEDIAN_MS = 100
MAX_QUERIES = 20
# What the template's content depends on: a change to any of these rebuilds it.
TEMPLATE_SOURCES = [
    "*/migrations/*.py",
    "cms_pages/demo/*",
    "consultation/demo*.py",
    "initiatives/demo*.py",
    "forums/demo*.py",
    "consultation/management/commands/seed_contributions.py",
    "bench/seed_initiatives.py",
    "bench/seed_forums.py",
    "bench/seed_search.py",
    # The search documents built from all of the above.
    "*/search_documents.py",
    "search/models.py",
    "search/rebuild.py",
    "search/sync.py",
    "search/management/commands/rebuild_search_index.py",
]
# Seconds each step of the last template build took (the search index rebuild among them).
TEMPLATE_TIMINGS = BASE_DIR / "data" / "bench-template.json"


def bench_env(db_name=DB_NAME):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "DATABASE_URL": f"{PG}/{db_name}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "False",
        "SECURE_HSTS_SECONDS": "0",
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, check=True)


def seeder(env, module, *args):
    """Run ``python -m bench.<module> args`` against the database of ``env``."""
    subprocess.run([PYTHON, "-m", f"bench.{module}", *args], cwd=BASE_DIR, env=env, check=True)


def admin_connection(db_name="postgres"):
    import psycopg

    return psycopg.connect(f"{PG}/{db_name}", autocommit=True)


def template_fingerprint(contributions, initiatives, comments, all_comments):
    """Identifies what the template holds: the schema, the demo and seeding code, the counts."""
    digest = hashlib.sha256(
        f"contributions={contributions} initiatives={initiatives} comments={comments} "
        f"all_comments={all_comments}".encode()
    )
    for pattern in TEMPLATE_SOURCES:
        for path in sorted(BASE_DIR.glob(pattern)):
            if path.is_file() and ".venv" not in path.parts:
                digest.update(str(path.relative_to(BASE_DIR)).encode())
                digest.update(path.read_bytes())
    return f"aux-actes-citoyens bench {digest.hexdigest()[:16]}"


def template_is_current(fingerprint):
    with admin_connection() as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [TEMPLATE_NAME],
        ).fetchone()
    return row is not None and row[0] == fingerprint


def build_template(contributions, initiatives, comments, all_comments, fingerprint):
    """Migrate, load the demo, seed the contributions, initiatives and discussions, then build
    their search documents, once, into the template database. Prints and keeps (in
    TEMPLATE_TIMINGS) how long each step took."""
    print(
        f"Building template database {TEMPLATE_NAME} ({contributions} contributions, "
        f"{initiatives} initiatives, a thread of {comments} comments among {all_comments}) …"
    )
    with admin_connection() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{TEMPLATE_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{TEMPLATE_NAME}"')
    env = bench_env(TEMPLATE_NAME)
    steps = {
        "migrate": lambda: manage(env, "migrate", "--noinput", "-v0"),
        "createcachetable": lambda: manage(env, "createcachetable"),
        "load_demo_content": lambda: manage(env, "load_demo_content", "-v0"),
        "seed_contributions": lambda: manage(
            env, "seed_contributions", "--count", str(contributions)
        ),
        "seed_initiatives": lambda: seeder(env, "seed_initiatives", "--count", str(initiatives)),
        "seed_forums": lambda: seeder(env, "seed_forums", "--comments", str(comments)),
        "seed_search": lambda: seeder(env, "seed_search", "--comments", str(all_comments)),
        # Every seeded object's search document (the seeders insert rows without signals).
        "rebuild_search_index": lambda: manage(env, "rebuild_search_index"),
    }
    timings = {}
    for name, step in steps.items():
        started = time.perf_counter()
        step()
        timings[name] = round(time.perf_counter() - started, 1)
    with admin_connection(TEMPLATE_NAME) as conn:
        conn.execute("VACUUM ANALYZE")  # planner statistics travel with the copy
    with admin_connection() as conn:
        # Marked only once complete: an interrupted build is rebuilt on the next run.
        conn.execute(f"COMMENT ON DATABASE \"{TEMPLATE_NAME}\" IS '{fingerprint}'")
    print("Template build, seconds per step:")
    for name, seconds in timings.items():
        print(f"  {name:<24}{seconds:>8.1f}")
    TEMPLATE_TIMINGS.parent.mkdir(exist_ok=True)
    TEMPLATE_TIMINGS.write_text(
        json.dumps({"template": TEMPLATE_NAME, "seconds": timings}, indent=2)
    )


def reset_database(contributions, initiatives, comments, all_comments, reseed=False):
    """A fresh copy of the template (built first if missing, stale or --reseed)."""
    fingerprint = template_fingerprint(contributions, initiatives, comments, all_comments)
    if reseed or not template_is_current(fingerprint):
        build_template(contributions, initiatives, comments, all_comments, fingerprint)
    else:
        print(f"Template database {TEMPLATE_NAME} is up to date (use --reseed to rebuild).")
    with admin_connection() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}" TEMPLATE "{TEMPLATE_NAME}"')


def published_contribution_id():
    """A published contribution for the "contribution page" scenario (same one every run)."""
    with admin_connection(DB_NAME) as conn:
        row = conn.execute(
            "SELECT id FROM consultation_contribution WHERE status = 'published' "
            "ORDER BY id LIMIT 1 OFFSET 100"
        ).fetchone()
    return row[0] if row else 0


def territory_id(slug="grand-belfort"):
    """The page id of a territory, for the search's territory facet."""
    with admin_connection(DB_NAME) as conn:
        row = conn.execute(
            "SELECT page.id FROM wagtailcore_page page "
            "JOIN cms_pages_territorypage territory ON territory.page_ptr_id = page.id "
            "WHERE page.slug = %s",
            [slug],
        ).fetchone()
    return row[0] if row else 0


def forum_paths(env):
    """The paths of the long seeded thread and of its enjeu's forum, from the URL names."""
    result = subprocess.run(
        [PYTHON, "-m", "bench.seed_forums", "--urls"],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    paths = json.loads(result.stdout.strip().splitlines()[-1])
    return {"long_thread": paths["thread"], "enjeu_forum": paths["forum"]}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(env, port, workers):
    """gunicorn serving the site on 127.0.0.1:``port`` only, with ``workers`` processes."""
    return subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "website.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=BASE_DIR,
        env=env,
    )


def wait_until_up(port, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/")
            if conn.getresponse().status < 500:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer in time")


def load(port, path, requests, concurrency):
    """Send ``requests`` GETs over ``concurrency`` keep-alive connections; return latencies,
    wall time, error statuses and the size of the last response body."""
    latencies, errors, sizes = [], [], []
    lock = threading.Lock()
    per_worker = requests // concurrency

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for _ in range(per_worker):
            started = time.perf_counter()
            conn.request("GET", path, headers={"Host": "127.0.0.1"})
            response = conn.getresponse()
            body = response.read()
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                sizes.append(len(body))
                if response.status != 200:
                    errors.append(response.status)
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return latencies, wall, errors, (sizes[-1] if sizes else 0)


def count_queries(env, paths):
    """SQL queries of one request per path, measured in-process with Django's test client."""
    script = (
        "import json, sys, django\n"
        "django.setup()\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "client = Client(HTTP_HOST='127.0.0.1', raise_request_exception=False)\n"
        "out = {}\n"
        "for path in json.loads(sys.argv[1]):\n"
        "    client.get(path)\n"
        "    with CaptureQueriesContext(connection) as ctx:\n"
        "        status = client.get(path).status_code\n"
        "    out[path] = [status, len(ctx.captured_queries)]\n"
        "print(json.dumps(out))\n"
    )
    result = subprocess.run(
        [PYTHON, "-c", script, json.dumps(paths)],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400, help="requests per scenario")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument(
        "--contributions", type=int, default=100_000, help="published contributions to seed"
    )
    parser.add_argument(
        "--initiatives", type=int, default=5000, help="published initiatives to seed"
    )
    parser.add_argument(
        "--comments", type=int, default=5000, help="comments of the long seeded discussion"
    )
    parser.add_argument(
        "--all-comments",
        type=int,
        default=50_000,
        help="comments in all, the long discussion's included",
    )
    parser.add_argument("--reseed", action="store_true", help="rebuild the template database")
    parser.add_argument(
        "--only",
        action="append",
        metavar="TEXT",
        help="run only the scenarios whose name contains TEXT (repeatable)",
    )
    args = parser.parse_args()

    env = bench_env()
    print(f"Preparing database {DB_NAME} …", flush=True)
    reset_database(
        args.contributions, args.initiatives, args.comments, args.all_comments, args.reseed
    )
    manage(env, "migrate", "--noinput", "-v0")  # a no-op unless the template is behind
    manage(env, "collectstatic", "--noinput", "-v0")
    placeholders = {
        "published": published_contribution_id(),
        "territory": territory_id(),
        **forum_paths(env),
    }
    scenarios = {
        name: path.format(**placeholders)
        for name, path in SCENARIOS.items()
        if not args.only or any(text in name for text in args.only)
    }

    port = free_port()
    server = serve(env, port, args.workers)
    results = {}
    try:
        wait_until_up(port)
        queries = count_queries(env, list(scenarios.values()))
        for name, path in scenarios.items():
            load(port, path, 20, 2)  # warm-up
            latencies, wall, errors, size = load(port, path, args.requests, args.concurrency)
            results[name] = {
                "path": path,
                "requests": len(latencies),
                "errors": len(errors),
                "bytes": size,
                "rps": len(latencies) / wall,
                "median_ms": statistics.median(latencies) * 1000,
                "p99_ms": percentile(latencies, 0.99) * 1000,
                "status": queries[path][0],
                "queries": queries[path][1],
            }
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(
        f"\ngunicorn {args.workers} workers, {args.concurrency} concurrent clients, "
        f"{args.requests} requests per page, PostgreSQL, "
        f"{args.contributions} published contributions, "
        f"{args.initiatives} published initiatives, a thread of {args.comments} comments "
        f"among {args.all_comments}\n"
    )
    print(
        f"{'page':<26}{'req/s':>8}{'median ms':>11}{'p99 ms':>9}{'SQL':>6}{'KB':>8}"
        f"{'status':>8}{'errors':>8}"
    )
    for name, r in results.items():
        print(
            f"{name:<26}{r['rps']:>8.1f}{r['median_ms']:>11.1f}{r['p99_ms']:>9.1f}"
            f"{r['queries']:>6}{r['bytes'] / 1000:>8.1f}{r['status']:>8}{r['errors']:>8}"
        )
    failures = check_targets(results)
    out = BASE_DIR / "data" / "bench.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    if any(r["errors"] or r["status"] != 200 for r in results.values()):
        raise SystemExit("some requests failed: see the status and errors columns")
    if failures:
        # A missed target is a finding to report, not a broken run: the figures are printed.
        print("some targets were missed (see MISS above)")


def check_targets(results):
    """Print the issue's targets against the figures; return the missed ones."""
    checks = [
        (f"{name}: under {MAX_QUERIES} SQL queries", r["queries"] < MAX_QUERIES)
        for name, r in results.items()
    ]
    zoomed_out = results.get(ZOOMED_OUT)
    if zoomed_out:
        checks += [
            (
                f"{ZOOMED_OUT}: under {MAX_ZOOMED_OUT_BYTES // 1000} KB",
                zoomed_out["bytes"] < MAX_ZOOMED_OUT_BYTES,
            ),
            (
                f"{ZOOMED_OUT}: median under {MAX_ZOOMED_OUT_MEDIAN_MS} ms",
                zoomed_out["median_ms"] < MAX_ZOOMED_OUT_MEDIAN_MS,
            ),
        ]
    print("\nTargets")
    for label, ok in checks:
        print(f"  {'ok  ' if ok else 'MISS'} {label}")
    return [label for label, ok in checks if not ok]


if __name__ == "__main__":
    main()
