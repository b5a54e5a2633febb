"""Benchmark harness: serve the site under gunicorn on PostgreSQL and measure pages with wrk.

Copies the template database (bench/template.py: the demo content, 100,000 contributions,
5,000 initiatives, 50,000 comments and their search documents) into a database of its own,
and with ``--sizes large`` the large template (ten times the contributions) into another;
serves each under gunicorn on 127.0.0.1 with Redis as the cache, then measures with wrk
(bench/wrk.py), in interleaved runs with the server drained between them: a static file
(the floor), every scenario of bench/scenarios.py signed out (a visitor: the page cache
answers) and signed in (a seeded citizen's session), and on the large database the scenarios
whose cost must not grow with the data. Prints req/s, p50, p99, SQL queries, size and share
of the floor of each, checks the targets of issue 16, and writes everything to
data/bench.json.
"""

import argparse
import json
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bench import report, scenarios, server, targets, template, wrk
from bench.process import connect, flush_cache, manage, module_json, site_env
from bench.results import DEFAULT, LARGE, SIGNED_IN, SIGNED_OUT, Row

BASE_DIR = Path(__file__).resolve().parent.parent
DB_NAME = os.environ.get("BENCH_DB_NAME", "aux_actes_citoyens_bench")
TEMPLATE_NAME = os.environ.get("BENCH_TEMPLATE_DB_NAME", f"{DB_NAME}_tpl")
LARGE_TEMPLATE_NAME = os.environ.get("BENCH_LARGE_TEMPLATE_DB_NAME", f"{TEMPLATE_NAME}_large")
RESULTS = BASE_DIR / "data" / "bench.json"
# The large database holds this many times the default one's contributions.
SCALE = 10
# Each line is loaded this long before its first run (the workers' first requests compile
# templates and fill caches).
WARM_UP = "1s"


@dataclass
class Site:
    """One database served: its name, environment, gunicorn and what facts.py read from it."""

    size: str
    db_name: str
    env: dict
    port: int = 0
    process: object = None
    facts: dict = field(default_factory=dict)

    def headers(self, variant):
        return {"Cookie": self.facts["cookie"]} if variant == SIGNED_IN else {}

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", default="10s", help="of each wrk run (wrk's syntax)")
    parser.add_argument("--runs", type=int, default=2, help="interleaved runs per line")
    parser.add_argument("--connections", type=int, default=4, help="wrk's open connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument(
        "--sizes",
        default="default,large",
        help="databases to measure: default, large (10× the contributions) or both",
    )
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
    parser.add_argument("--reseed", action="store_true", help="rebuild the template databases")
    parser.add_argument(
        "--only",
        action="append",
        metavar="TEXT",
        help="run only the scenarios whose name contains TEXT (repeatable)",
    )
    args = parser.parse_args()
    args.sizes = [size.strip() for size in args.sizes.split(",") if size.strip()]
    if not args.sizes or set(args.sizes) - {DEFAULT, LARGE}:
        parser.error("--sizes takes default, large or default,large")
    args.scenarios = scenarios.chosen(args.only)
    if LARGE in args.sizes and not any(s.scaled for s in args.scenarios):
        # Nothing to compare: the large database is not even copied.
        args.sizes.remove(LARGE)
        if not args.sizes:
            parser.error("none of the chosen scenarios is measured on the large database")
    return args


def prepare_databases(args):
    """The sites to serve, each on a fresh copy of its template (built first if needed)."""
    counts = {
        "contributions": args.contributions,
        "initiatives": args.initiatives,
        "comments": args.comments,
        "all_comments": args.all_comments,
    }
    default_label = template.default_template(TEMPLATE_NAME, counts, args.reseed)
    templates = {DEFAULT: TEMPLATE_NAME}
    if LARGE in args.sizes:
        extra = (SCALE - 1) * args.contributions
        template.large_template(
            LARGE_TEMPLATE_NAME, TEMPLATE_NAME, default_label, extra, args.reseed
        )
        templates[LARGE] = LARGE_TEMPLATE_NAME
    sites = {}
    for size, template_name in templates.items():
        db_name = DB_NAME if size == DEFAULT else f"{DB_NAME}_{size}"
        print(f"Preparing database {db_name} …", flush=True)
        template.copy(template_name, db_name)
        sites[size] = Site(size, db_name, site_env(db_name, cache_prefix=f"bench-{size}"))
    manage(sites[DEFAULT].env, "collectstatic", "--noinput", "-v0")
    for site in sites.values():
        site.facts = module_json(site.env, "facts", "urls")
    return sites


def plan(sizes, chosen):
    """The rows to measure: the floor; every chosen scenario signed out and in (or, measuring
    the large database alone, only what it is compared with); the scaled ones, signed in, on
    the large database."""
    rows = [(scenarios.FLOOR, SIGNED_OUT, DEFAULT)]
    if DEFAULT in sizes:
        rows += [(s, v, DEFAULT) for s in chosen for v in (SIGNED_OUT, SIGNED_IN)]
    scaled = [s for s in chosen if s.scaled]
    if LARGE in sizes:
        if DEFAULT not in sizes:
            rows += [(s, SIGNED_IN, DEFAULT) for s in scaled]
        rows += [(s, SIGNED_IN, LARGE) for s in scaled]
    return rows


def probe(row, site):
    """Read the row's status and size from the server, and make sure the page was rendered
    for the visitor the row stands for."""
    answer = server.probe(
        site.port, row.path, site.headers(row.variant), site.facts["logout_marker"]
    )
    row.status, row.bytes = answer.status, answer.size
    if answer.html and answer.signed_in != (row.variant == SIGNED_IN):
        shown = SIGNED_IN if answer.signed_in else SIGNED_OUT
        raise SystemExit(f"{row.scenario.name}, {row.variant}: the page was rendered {shown}")


def count_queries(rows, sites):
    for size, site in sites.items():
        paths = sorted({row.path for row in rows if row.size == size})
        counts = module_json(
            site.env,
            "facts",
            "queries",
            json.dumps({"paths": paths, "cookie": site.facts["cookie"]}),
        )
        for row in rows:
            if row.size == size:
                row.queries = counts[row.path][row.variant]


def queries_running(admin, db_name):
    """How many queries the clients of database ``db_name`` are running (autovacuum left
    out: it is no request of ours)."""
    return admin.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND state = 'active' "
        "AND backend_type = 'client backend'",
        [db_name],
    ).fetchone()[0]


def load(row, site, duration, connections):
    return wrk.run(site.url(row.path), duration, connections, site.headers(row.variant))


def measure(rows, sites, args):
    """Warm each row up, then load it ``args.runs`` times, interleaved, draining its server
    after each run."""
    with connect() as admin:

        def drain(site):
            server.drain(site.process, lambda: queries_running(admin, site.db_name))

        for row in rows:
            load(row, sites[row.size], WARM_UP, args.connections)
            drain(sites[row.size])
        for number in range(1, args.runs + 1):
            for row in rows:
                run = load(row, sites[row.size], args.duration, args.connections)
                row.runs.append(run)
                drain(sites[row.size])
                print(
                    f"run {number}/{args.runs}  {row.scenario.name}, {row.variant}, {row.size}: "
                    f"{run.rps:.1f} req/s, p50 {run.p50_ms:.1f} ms, p99 {run.p99_ms:.1f} ms",
                    flush=True,
                )


@contextmanager
def serving(sites, workers):
    """Every site under its own gunicorn, answering, until the block ends."""
    try:
        for site in sites.values():
            site.port = server.free_port()
            site.process = server.serve(site.env, site.port, workers)
        for site in sites.values():
            server.wait_until_up(site.port)
        yield
    finally:
        for site in sites.values():
            if site.process is not None:
                site.process.terminate()
                site.process.wait(timeout=30)


def summary(args, floor):
    large = f" (large: ×{SCALE})" if LARGE in args.sizes else ""
    return (
        f"wrk: {args.connections} connections, {args.runs} × {args.duration} per line, "
        f"interleaved; gunicorn {args.workers} workers; PostgreSQL; Redis; "
        f"{args.contributions} published contributions{large}, {args.initiatives} initiatives, "
        f"a thread of {args.comments} comments among {args.all_comments}. "
        f"Floor: {floor.rps:.1f} req/s ({floor.path})."
    )


def main():
    args = parse_args()
    wrk.require()
    sites = prepare_databases(args)
    flush_cache()
    rows = [
        Row(scenario, variant, size, scenario.path.format(**sites[size].facts))
        for scenario, variant, size in plan(args.sizes, args.scenarios)
    ]
    with serving(sites, args.workers):
        for row in rows:
            probe(row, sites[row.size])
        count_queries(rows, sites)
        measure(rows, sites, args)
    floor_rps = rows[0].rps
    print(f"\n{summary(args, rows[0])}\n")
    report.print_tables(rows, floor_rps)
    found = targets.checks(rows, floor_rps)
    report.print_checks(found)
    settings = {
        **{k: v for k, v in vars(args).items() if k not in ("reseed", "scenarios")},
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    report.write(RESULTS, settings, rows, floor_rps, found)
    if any(row.failed for row in rows):
        raise SystemExit("some requests failed: see the errors column")
    if not all(check.ok for check in found):
        # A missed target is a finding to report, not a broken run: the figures are printed.
        print("some targets were missed (see MISS above)")


if __name__ == "__main__":
    main()
