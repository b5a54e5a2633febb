"""Run the site with each plugin switched off in turn, and with the core alone.

For each variant, in one process (Django starts once): ``check``, ``migrate`` on a fresh
SQLite database, ``load_demo_content`` and a crawl of every page reachable from the home
page, the menus and the sitemap (``tests/crawl.py``); with every plugin on, the crawl must
also answer every URL of ``tests/website/data/demo_urls.tsv`` (recorded before the plugin
split) the same way.
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
    """``{name: PLUGINS value}``, the longest first so that two at a time end together: all
    of them, each plugin left out in turn, a database that ran them all served with only
    consultation and search (the pages, threads and search documents of the plugins switched
    off stay in it), and the core alone."""
    chosen = {"all": ",".join(ALL_PLUGINS)}
    # The plugins the others need come first in ALL_PLUGINS: leaving them out leaves less.
    for left in reversed(ALL_PLUGINS):
        chosen[f"without-{left}"] = ",".join(p for p in ALL_PLUGINS if p != left)
    chosen["switched-off-later"] = "consultation,search"
    chosen["core-alone"] = ""
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
    crawl = [sys.executable, "-m", "tests.crawl", "--start", "/sitemap.xml", "--out", str(urls)]
    if later:
        # Built with every plugin, then checked and crawled with only some of them.
        steps = [
            ([*crawl, "--setup", "--no-crawl"], ",".join(ALL_PLUGINS)),
            ([*crawl, "--probe", str(BASELINE)], plugins),
        ]
    else:
        steps = [([*crawl, "--setup"], plugins)]
    started = time.monotonic()
    for step, step_plugins in steps:
        env["PLUGINS"] = step_plugins
        done = subprocess.run(step, cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        if done.returncode != 0:
            output = (done.stdout + done.stderr).strip().splitlines()[-15:]
            return name, time.monotonic() - started, output, ""
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
