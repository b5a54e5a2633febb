"""The site under gunicorn on 127.0.0.1, as the bench measures it.

Between two wrk runs the server is drained: a run must not pay for the requests the previous
one left in flight (a slow page's last requests go on after wrk has closed its connections)."""

import http.client
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
# The server is idle once its workers have used no CPU for this long and the database runs
# no query of theirs.
QUIET_SECONDS = 0.3
DRAIN_TIMEOUT = 120


@dataclass
class Answer:
    """One GET answered by the server: status, body size, whether it is an HTML page and
    whether that page was rendered for a signed-in visitor (it shows the logout form)."""

    status: int
    size: int
    html: bool
    signed_in: bool


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(env, port, workers):
    """gunicorn serving the site on 127.0.0.1:``port`` only, with ``workers`` processes."""
    return subprocess.Popen(
        [
            *(GUNICORN, "website.wsgi", "--bind", f"127.0.0.1:{port}"),
            *("--workers", str(workers), "--log-level", "warning"),
        ],
        cwd=BASE_DIR,
        env=env,
    )


def get(port, path, headers=None, timeout=120):
    """The response to one GET, its body read."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
        response = conn.getresponse()
        response.body = response.read()
        return response
    finally:
        conn.close()


def wait_until_up(port, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if get(port, "/", timeout=5).status < 500:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer in time")


def probe(port, path, headers, logout_marker):
    """What the server answers ``path`` with these headers."""
    response = get(port, path, headers)
    return Answer(
        status=response.status,
        size=len(response.body),
        html=(response.getheader("Content-Type") or "").startswith("text/html"),
        signed_in=logout_marker.encode() in response.body,
    )


def worker_pids(server):
    """The worker processes of the gunicorn master ``server``."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text()
    return [int(pid) for pid in children.split()]


def cpu_ticks(pids):
    """User and system CPU time of ``pids``, in clock ticks (a worker gone counts 0)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total


def drain(server, queries_running):
    """Wait until no request is in flight: the workers spent no CPU for QUIET_SECONDS and
    ``queries_running()`` (the bench database's active queries) is zero."""
    deadline = time.monotonic() + DRAIN_TIMEOUT
    pids = worker_pids(server)
    before = cpu_ticks(pids)
    while time.monotonic() < deadline:
        time.sleep(QUIET_SECONDS)
        after = cpu_ticks(pids)
        if after == before and not queries_running():
            return
        before = after
    raise SystemExit(f"the server was still busy {DRAIN_TIMEOUT} s after a run")
