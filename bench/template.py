"""The bench's template databases, and the copies each run measures.

The default template holds the migrated schema, the demo content and the seeded load (100,000
contributions, 5,000 initiatives, 50,000 comments and the search documents of all of them):
about 20 minutes to build, so it is built once and labelled (a PostgreSQL ``COMMENT ON
DATABASE``) with a fingerprint of the demo and seeding code and of the counts. Migrations and
the search code are left out of the fingerprint: every copy is brought up to date by
``migrate`` (a new column, index or data migration runs on the copy in seconds), so a change
to them does not cost a rebuild. A change to what the data *are* does.

The large template is a copy of the default one plus nine times its contributions, inserted
with ``COPY`` by bench/seed_large.py, labelled with the default's fingerprint, that seeder and
the count."""

import hashlib
import json
import time
from pathlib import Path

from bench.process import connect, manage, module, site_env

BASE_DIR = Path(__file__).resolve().parent.parent
LABEL_PREFIX = "aux-actes-citoyens bench"
# What the default template's content depends on: a change to any of these rebuilds it.
SOURCES = [
    "*/demo.py",
    "*/demo_*.py",
    "*/demo/*",
    "*/management/commands/load_demo_content.py",
    "*/management/commands/seed_*.py",
    "bench/seed_initiatives.py",
    "bench/seed_forums.py",
    "bench/seed_search.py",
]
LARGE_SOURCES = ["bench/seed_large.py"]
# Seconds each step of the last template builds took, by template.
TIMINGS = BASE_DIR / "data" / "bench-template.json"


def source_files(patterns, base_dir=BASE_DIR):
    """The files ``patterns`` match under ``base_dir``, sorted (the virtualenv left out)."""
    found = set()
    for pattern in patterns:
        for path in base_dir.glob(pattern):
            if path.is_file() and ".venv" not in path.relative_to(base_dir).parts:
                found.add(path)
    return sorted(found)


def fingerprint(counts, patterns, base_dir=BASE_DIR, base=""):
    """The label of a template holding ``counts`` ({name: number}) seeded by the files of
    ``patterns`` (their paths and contents), on top of the template labelled ``base``."""
    digest = hashlib.sha256(base.encode())
    digest.update(" ".join(f"{name}={n}" for name, n in sorted(counts.items())).encode())
    for path in source_files(patterns, base_dir):
        digest.update(str(path.relative_to(base_dir)).encode())
        digest.update(path.read_bytes())
    return f"{LABEL_PREFIX} {digest.hexdigest()[:16]}"


def label_of(admin, name):
    """The label of database ``name`` (None when it does not exist or has none)."""
    row = admin.execute(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
        [name],
    ).fetchone()
    return row[0] if row else None


def create(admin, name, template=None):
    """Database ``name``, dropped first, empty or a copy of ``template``."""
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))


def default_template(name, counts, reseed=False):
    """Build template ``name`` unless it is current; its label."""
    label = fingerprint(counts, SOURCES)
    with connect() as admin:
        if not reseed and label_of(admin, name) == label:
            print(f"Template database {name} is up to date (--reseed rebuilds it).")
            return label
        print(f"Building template database {name} ({counts}) …", flush=True)
        create(admin, name)
        env = site_env(name)
        timings = timed(
            {
                "migrate": lambda: manage(env, "migrate", "--noinput", "-v0"),
                "createcachetable": lambda: manage(env, "createcachetable"),
                "load_demo_content": lambda: manage(env, "load_demo_content", "-v0"),
                "seed_contributions": lambda: manage(
                    env, "seed_contributions", "--count", str(counts["contributions"])
                ),
                "seed_initiatives": lambda: module(
                    env, "seed_initiatives", "--count", str(counts["initiatives"])
                ),
                "seed_forums": lambda: module(
                    env, "seed_forums", "--comments", str(counts["comments"])
                ),
                "seed_search": lambda: module(
                    env, "seed_search", "--comments", str(counts["all_comments"])
                ),
                # Every seeded object's search document (the seeders insert rows without
                # signals).
                "rebuild_search_index": lambda: manage(env, "rebuild_search_index"),
                "vacuum_analyze": lambda: analyse(name),
            }
        )
        finish(admin, name, label, timings)
    return label


def large_template(name, default_name, default_label, extra, reseed=False):
    """Build template ``name`` unless it is current: a copy of the default template, brought
    up to date by ``migrate``, plus ``extra`` published contributions (bench/seed_large.py)."""
    label = fingerprint({"extra_contributions": extra}, LARGE_SOURCES, base=default_label)
    with connect() as admin:
        if not reseed and label_of(admin, name) == label:
            print(f"Template database {name} is up to date (--reseed rebuilds it).")
            return
        print(f"Building template database {name} (+{extra} contributions) …", flush=True)
        create(admin, name, template=default_name)
        env = site_env(name)
        timings = timed(
            {
                "migrate": lambda: manage(env, "migrate", "--noinput", "-v0"),
                "seed_large": lambda: module(env, "seed_large", "--count", str(extra)),
                "vacuum_analyze": lambda: analyse(name),
            }
        )
        finish(admin, name, label, timings)


def copy(template, name):
    """Database ``name``, a fresh copy of ``template`` brought up to date by ``migrate``."""
    with connect() as admin:
        create(admin, name, template=template)
    manage(site_env(name), "migrate", "--noinput", "-v0")


def analyse(name):
    """Planner statistics (they travel with the copies) and a visibility map for the rows."""
    with connect(name) as conn:
        conn.execute("VACUUM ANALYZE")


def finish(admin, name, label, timings):
    """Label template ``name`` once complete (an interrupted build is rebuilt on the next run)
    and keep how long each step took."""
    admin.execute(f"COMMENT ON DATABASE \"{name}\" IS '{label}'")
    print(f"Template {name} built, seconds per step:")
    for step, seconds in timings.items():
        print(f"  {step:<24}{seconds:>8.1f}")
    kept = json.loads(TIMINGS.read_text()) if TIMINGS.exists() else {}
    kept[name] = timings
    TIMINGS.parent.mkdir(exist_ok=True)
    TIMINGS.write_text(json.dumps(kept, indent=2))


def timed(steps):
    """Run ``steps`` ({name: callable}) in order; {name: seconds} of each."""
    timings = {}
    for name, step in steps.items():
        started = time.perf_counter()
        step()
        timings[name] = round(time.perf_counter() - started, 1)
    return timings
