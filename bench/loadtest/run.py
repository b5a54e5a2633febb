"""Load test: simulated citizens browse and write at once, on PostgreSQL and Redis under gunicorn.

``make loadtest`` (``python -m bench.loadtest.run``, from the project root): on a fresh
PostgreSQL database (``LOADTEST_DB_NAME``, dropped and rebuilt each run: migrate,
createcachetable, the demo content, one verified account per simulated user, see
``bench.loadtest.world``) and an emptied Redis database (``LOADTEST_REDIS_URL``), serves the
site with gunicorn on 127.0.0.1 only, with production settings (DEBUG off) but for what a
test on the loopback needs: cookies without the ``Secure`` flag (``SECURE_COOKIES``: the site
is served over plain http here), e-mails handed to Django's dummy backend; background tasks
go, as in production, to the database queue that a ``manage.py db_worker`` beside gunicorn
empties (the run waits up to ``DRAIN_TIMEOUT`` seconds for it, and fails if a task failed);
and, as behind the reverse proxy of a deployment, ``TRUSTED_PROXY_COUNT=1``: each
simulated citizen sends an ``X-Forwarded-For`` address of their own, so that allauth's limits
per address (logins) do not count 200 people as one. Then runs locust headless
(``bench/loadtest/locustfile.py``) for ``--duration`` with ``--users`` users, stops
everything, counts the rows the test accounts wrote in the database and prints the figures.

It fails (exit status 1) on any server error (5xx), request left without an answer, write
whose answer proves nothing, login that failed, or difference between the rows found and the
writes accepted (a lost write is an accepted id with no row, a duplicated one a row that no
accepted request explains). A 429, or a limit's message, is a refusal: counted apart, never
expected in the database. Everything it started is stopped on the way out, on failure and on
SIGTERM too; locust is killed if it outlives its duration by ``STOP_GRACE`` seconds.
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.process import BASE_DIR, PG, PYTHON, manage
from bench.process import connect as admin_connection
from bench.process import site_env as bench_env
from bench.server import free_port, serve, wait_until_up

DB_NAME = os.environ.get("LOADTEST_DB_NAME", "aux_actes_citoyens_load")
REDIS_URL = os.environ.get("LOADTEST_REDIS_URL", "redis://127.0.0.1:6379/3")
# The README's recommendation for a 2-core server (Deployment): 2 × cores + 1.
WORKERS = 5
# Seconds a user may take to finish the step it is in when the time is up (a write in
# flight is then counted, never cut in the middle), and for locust to write its figures.
STOP_GRACE = 60
# Seconds the worker is given, after the run, to empty the queue of background tasks.
DRAIN_TIMEOUT = 180
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
OUT = BASE_DIR / "data" / "loadtest.json"
# What locust printed: its own summary, its errors and warnings (CPU of the load generator…).
LOCUST_LOG = BASE_DIR / "data" / "loadtest-locust.log"
WORKER_LOG = BASE_DIR / "data" / "loadtest-worker.log"
KINDS = ["contributions", "supports", "comments", "memberships"]


def seconds(duration):
    """``10m``, ``60s``, ``1h30m`` (locust's format) in seconds."""
    parts = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?", duration)
    if not parts or not any(parts.groups()):
        raise argparse.ArgumentTypeError(f"not a duration: {duration!r} (e.g. 10m, 60s)")
    hours, minutes, secs = (int(part or 0) for part in parts.groups())
    return hours * 3600 + minutes * 60 + secs


def loadtest_env():
    return {
        **bench_env(DB_NAME),
        "REDIS_URL": REDIS_URL,
        "SECURE_COOKIES": "False",
        "TRUSTED_PROXY_COUNT": "1",
        "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        # Background work as in production: the database queue, emptied by a worker.
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    }


def start_worker(env):
    """``manage.py db_worker``: the background tasks (followers' e-mails, deliveries) as in
    production, beside gunicorn; its log in ``WORKER_LOG``."""
    with WORKER_LOG.open("w") as log:  # a line per task: thousands
        return subprocess.Popen(
            [PYTHON, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.5"],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def drain(env, timeout=DRAIN_TIMEOUT):
    """Wait until the worker has run every queued task, or ``timeout`` seconds; the last
    count of the queue."""
    deadline = time.monotonic() + timeout
    while True:
        queue = json.loads(world(env, "queue"))
        if not queue["waiting"] or time.monotonic() > deadline:
            return queue
        time.sleep(2)


def prepare(env, users, plan_path):
    """A fresh database with the demo content and the accounts; the plan for locust. Prints
    how long each step took. The static files (the pages name their hashed copies) are
    collected meanwhile: compressing them all is the longest step, and needs no database."""
    started = time.perf_counter()
    collect = subprocess.Popen(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=BASE_DIR, env=env
    )
    try:
        with admin_connection() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')
        steps = {
            "migrate": lambda: manage(env, "migrate", "--noinput", "-v0"),
            "createcachetable": lambda: manage(env, "createcachetable"),
            "load_demo_content": lambda: manage(env, "load_demo_content", "-v0"),
            "accounts and plan": lambda: print(
                world(env, "prepare", "--accounts", str(users), "--plan", str(plan_path)), end=""
            ),
        }
        for name, step in steps.items():
            step_started = time.perf_counter()
            step()
            print(f"  {name:<20}{time.perf_counter() - step_started:>6.1f} s", flush=True)
        if collect.wait() != 0:
            raise SystemExit("collectstatic failed")
    finally:
        stop(collect)
    print(f"  {'set-up, in all':<20}{time.perf_counter() - started:>6.1f} s")


def world(env, *args):
    """Run ``python -m bench.loadtest.world args``; return what it printed."""
    result = subprocess.run(
        [PYTHON, "-m", "bench.loadtest.world", *args],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def run_locust(env, port, args, plan_path, outcome_path):
    command = [
        PYTHON,
        "-m",
        "locust",
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--only-summary",
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.spawn_rate),
        "--run-time",
        args.duration,
        "--stop-timeout",
        str(STOP_GRACE),
        "--host",
        f"http://127.0.0.1:{port}",
        "--loglevel",
        "WARNING",
    ]
    locust_env = {**env, "LOADTEST_PLAN": str(plan_path), "LOADTEST_OUTCOME": str(outcome_path)}
    with LOCUST_LOG.open("w") as log:
        process = subprocess.Popen(
            command, cwd=BASE_DIR, env=locust_env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            process.wait(timeout=seconds(args.duration) + 2 * STOP_GRACE)
        except subprocess.TimeoutExpired:
            raise SystemExit(f"locust outlived its duration: stopped (see {LOCUST_LOG})") from None
        finally:
            stop(process)


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def compare(accepted, found):
    """Per kind of write: the rows expected (accepted), found, lost and unexplained."""
    checks = {}
    for kind in KINDS:
        expected = [tuple(row) if isinstance(row, list) else row for row in accepted.get(kind, [])]
        rows = [tuple(row) if isinstance(row, list) else row for row in found[kind]]
        checks[kind] = {
            "expected": len(expected),
            "found": len(rows),
            "lost": len(set(expected) - set(rows)),
            # Rows no accepted answer explains, and ids accepted twice.
            "extra": len(set(rows) - set(expected)) + len(expected) - len(set(expected)),
        }
    return checks


def report(args, outcome, checks):
    """Print the figures; return the reasons the run fails (none when it passes)."""
    print(
        f"\nLoad test: {args.users} users for {args.duration} (spawned {args.spawn_rate}/s, "
        f"2 to 8 s of think time), gunicorn {args.workers} workers on 127.0.0.1, "
        f"PostgreSQL + Redis, the demo content\n"
    )
    print(f"{'page':<26}{'requests':>9}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'failures':>10}")
    rows = [*sorted(outcome["pages"].items()), ("all", outcome["total"])]
    for name, page in rows:
        print(
            f"{name:<26}{page['requests']:>9}{page['rps']:>8.1f}{page['p50']:>8.0f}"
            f"{page['p99']:>8.0f}{page['failures']:>10}"
        )
    statuses = outcome["statuses"]
    print(
        f"\nlogins {outcome['logins']}/{args.users}; answers 5xx: {statuses.get('5xx', 0)}, "
        f"429: {statuses.get('429', 0)}, none: {statuses.get('no answer', 0)}\n"
    )
    print(
        f"{'writes':<15}{'accepted':>9}{'refused':>9}{'already':>9}{'errors':>8}"
        f"{'rows expected':>15}{'found':>7}{'lost':>6}{'extra':>7}"
    )
    for kind in KINDS:
        writes, check = outcome["writes"].get(kind, {}), checks[kind]
        print(
            f"{kind:<15}{writes.get('accepted', 0):>9}{writes.get('refused', 0):>9}"
            f"{writes.get('already', 0):>9}{writes.get('error', 0):>8}"
            f"{check['expected']:>15}{check['found']:>7}{check['lost']:>6}{check['extra']:>7}"
        )
    failures = []
    if statuses.get("5xx") or statuses.get("no answer"):
        failures.append("server errors or requests without an answer")
    if outcome["logins"] < args.users:
        failures.append("some users could not log in")
    if any(writes.get("error") for writes in outcome["writes"].values()):
        failures.append("writes whose answer proves nothing (see errors)")
    if any(check["lost"] or check["extra"] for check in checks.values()):
        failures.append("rows in the database differ from the writes accepted")
    if outcome["total"]["failures"]:
        failures.append("failed requests (see the failures column)")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--duration", default="10m", help="as locust reads it: 10m, 60s…")
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started per second")
    parser.add_argument("--workers", type=int, default=WORKERS, help="gunicorn worker processes")
    args = parser.parse_args()
    seconds(args.duration)  # a malformed duration stops here, before the set-up
    # SIGTERM (a CI timeout, a trap) goes through the ``finally`` blocks: nothing is left running.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    env = loadtest_env()
    with tempfile.TemporaryDirectory(prefix="loadtest-") as scratch:
        plan_path, outcome_path = Path(scratch, "plan.json"), Path(scratch, "outcome.json")
        print(f"Preparing database {DB_NAME} on {PG} and the Redis cache {REDIS_URL} …")
        LOCUST_LOG.parent.mkdir(exist_ok=True)
        prepare(env, args.users, plan_path)
        port = free_port()
        server, worker = serve(env, port, args.workers), start_worker(env)
        try:
            wait_until_up(port)
            started_at = datetime.now(UTC)
            print(f"{args.users} users for {args.duration} on http://127.0.0.1:{port} …")
            run_locust(env, port, args, plan_path, outcome_path)
            queue = drain(env)
        finally:
            stop(server)
            stop(worker)
        if not outcome_path.exists():
            raise SystemExit(f"locust saved no figures: see {LOCUST_LOG}")
        outcome = json.loads(outcome_path.read_text())
    found = json.loads(world(env, "rows", "--since", started_at.isoformat()))
    checks = compare(outcome["accepted"], found)
    failures = report(args, outcome, checks)
    print(
        f"\nbackground tasks (db_worker): {queue['done']} done, {queue['failed']} failed, "
        f"{queue['waiting']} still queued {DRAIN_TIMEOUT} s after the run"
    )
    if queue["failed"]:
        failures.append("background tasks failed")
    OUT.write_text(json.dumps({"outcome": outcome, "rows": checks, "tasks": queue}, indent=2))
    if failures:
        raise SystemExit(f"FAILED: {'; '.join(failures)} (details: {OUT}, {LOCUST_LOG})")
    print("\nPassed: no server error, every accepted write is in the database exactly once.")


if __name__ == "__main__":
    main()
