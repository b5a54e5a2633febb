"""Benchmark harness: serve the site under gunicorn on PostgreSQL and measure pages.

Creates a database of its own (dropped and rebuilt on each run), loads the demo content,
serves it on 127.0.0.1 only, then reports for each scenario: requests per second, median and
99th-percentile latency under a small concurrent load, and the SQL queries one request runs.
Later features add their scenarios to SCENARIOS.
"""

import argparse
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
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")

SCENARIOS = {
    "home": "/",
    "territory": "/territoires/grand-belfort/",
    "enjeu": "/enjeux/mobilite/",
    "territories (GeoJSON)": "/api/territoires.geojson",
}


def bench_env():
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "DATABASE_URL": f"{PG}/{DB_NAME}",
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


def reset_database():
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


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
    """Send ``requests`` GETs over ``concurrency`` keep-alive connections; return latencies."""
    latencies, errors = [], []
    lock = threading.Lock()
    per_worker = requests // concurrency

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for _ in range(per_worker):
            started = time.perf_counter()
            conn.request("GET", path, headers={"Host": "127.0.0.1"})
            response = conn.getresponse()
            response.read()
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
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
    return latencies, wall, errors


def count_queries(env, paths):
    """SQL queries of one request per path, measured in-process with Django's test client."""
    script = (
        "import json, sys, django\n"
        "django.setup()\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "client = Client(HTTP_HOST='127.0.0.1')\n"
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
    args = parser.parse_args()

    env = bench_env()
    print(f"Preparing database {DB_NAME} …", flush=True)
    reset_database()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "createcachetable")
    manage(env, "load_demo_content", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")

    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "website.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=BASE_DIR,
        env=env,
    )
    results = {}
    try:
        wait_until_up(port)
        queries = count_queries(env, list(SCENARIOS.values()))
        for name, path in SCENARIOS.items():
            load(port, path, 20, 2)  # warm-up
            latencies, wall, errors = load(port, path, args.requests, args.concurrency)
            results[name] = {
                "path": path,
                "requests": len(latencies),
                "errors": len(errors),
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
        f"{args.requests} requests per page, PostgreSQL\n"
    )
    print(f"{'page':<24}{'req/s':>8}{'median ms':>11}{'p99 ms':>9}{'SQL':>6}{'errors':>8}")
    for name, r in results.items():
        print(
            f"{name:<24}{r['rps']:>8.1f}{r['median_ms']:>11.1f}{r['p99_ms']:>9.1f}"
            f"{r['queries']:>6}{r['errors']:>8}"
        )
    out = BASE_DIR / "data" / "bench.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    if any(r["errors"] or r["status"] != 200 for r in results.values()):
        raise SystemExit("some requests failed")


if __name__ == "__main__":
    main()
