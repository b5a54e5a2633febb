"""Run the site with each plugin switched off in turn, and with the core alone.

For each variant: ``manage.py check``, ``migrate`` on a fresh SQLite database,
``load_demo_content`` and a crawl of every page reachable from the home page, the menus and
the sitemap (``tests/crawl.py``); with every plugin on, the crawl must also answer every URL
of ``tests/website/data/demo_urls.tsv`` (recorded before the plugin split) the same way.
Two variants run at a time. Usage: ``python -m tests.switch_plugins [variant ...]``.
"""

import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from website.plugins import ALL_PLUGINS

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "tests" / "website" / "data" / "demo_urls.tsv"


def variants():
    """``{name: PLUGINS value}``: each plugin left out in turn, the core alone, and all."""
    chosen = {
        f"without-{left}": ",".join(p for p in ALL_PLUGINS if p != left) for left in ALL_PLUGINS
    }
    chosen["core-alone"] = ""
    chosen["all"] = ",".join(ALL_PLUGINS)
    # A database that ran every plugin, served with only consultation and search: the pages,
    # threads and search documents of the plugins switched off stay in the database.
    chosen["switched-off-later"] = "consultation,search"
    return chosen


def run_variant(name, plugins, workdir):
    """Set up and crawl one variant; return ``(name, seconds, problems, summary)``.

    ``switched-off-later`` loads the demo with every plugin, then checks and crawls with
    its own ``PLUGINS``, requesting every URL of the baseline too (404 allowed, no 5xx)."""
    database = Path(workdir) / f"{name}.sqlite3"
    urls = Path(workdir) / f"{name}.tsv"
    env = {
        **os.environ,
        "PLUGINS": plugins,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "website.settings.dev",
        "ALLOWED_HOSTS": "testserver",
        "MEDIA_ROOT": str(Path(workdir) / f"{name}-media"),
        "LOG_LEVEL": "ERROR",
    }
    later = name == "switched-off-later"
    python = sys.executable
    crawl = [python, "-m", "tests.crawl", "--start", "/sitemap.xml", "--out", str(urls)]
    steps = [
        [python, "manage.py", "check", "--fail-level", "ERROR"],
        [python, "manage.py", "migrate", "--noinput", "-v0"],
        [python, "manage.py", "createcachetable"],
        [python, "manage.py", "load_demo_content", "-v0"],
        [*crawl, "--probe", str(BASELINE)] if later else crawl,
    ]
    started = time.monotonic()
    for index, step in enumerate(steps):
        # The later variant builds its database with every plugin (all but the crawl).
        built_with_all = later and 0 < index < len(steps) - 1
        env["PLUGINS"] = ",".join(ALL_PLUGINS) if built_with_all else plugins
        done = subprocess.run(step, cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        if done.returncode != 0:
            output = (done.stdout + done.stderr).strip().splitlines()[-15:]
            return name, time.monotonic() - started, [" ".join(step[1:3]), *output], ""
    problems = []
    if plugins == ",".join(ALL_PLUGINS):
        problems = compare_with_baseline(urls)
    summary = done.stdout.strip().splitlines()[-1]
    return name, time.monotonic() - started, problems, summary


def read_urls(path):
    """``{url: (status, title)}`` of a crawl's output file."""
    pages = {}
    for line in Path(path).read_text().splitlines():
        status, url, title = [*line.split("\t"), ""][:3]
        pages[url] = (status, title)
    return pages


def compare_with_baseline(urls):
    """Every URL of the baseline answers with the same status and title (new URLs may come)."""
    now = read_urls(urls)
    problems = []
    for url, before in read_urls(BASELINE).items():
        if now.get(url) != before:
            problems.append(f"{url}: was {before}, now {now.get(url, 'not reached')}")
    return problems


def main(names):
    chosen = variants()
    names = names or list(chosen)
    failed = False
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as workdir, ThreadPoolExecutor(2) as pool:
        jobs = [pool.submit(run_variant, name, chosen[name], workdir) for name in names]
        for job in jobs:
            name, seconds, problems, summary = job.result()
            verdict = "FAILED" if problems else "ok"
            print(f"{name:22} {verdict:6} {seconds:5.0f} s  {summary}", flush=True)
            for problem in problems[:40]:
                print(f"    {problem}")
            failed = failed or bool(problems)
    print(f"{len(names)} variants in {time.monotonic() - started:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
