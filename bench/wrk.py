"""Load one URL with wrk and read its report.

wrk (Debian's package) is a C client on an event loop: it keeps 4 connections busy while
using a small share of one core, where a Python client would take the CPU the server needs on
a 2-core machine. Its ``--latency`` report gives the percentiles; it counts answers with a
status of 400 or more as "Non-2xx or 3xx responses" and failed or timed-out requests as
socket errors: both are this bench's errors."""

import re
import shutil
import subprocess
from dataclasses import asdict, dataclass

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
DURATION = re.compile(r"([\d.]+)(us|ms|s|m|h)")
PERCENTILE = re.compile(r"^\s*(50|99)(?:\.0+)?%\s+(\S+)\s*$", re.MULTILINE)
REQUESTS = re.compile(r"^\s*(\d+) requests in ([\d.]+\w+),", re.MULTILINE)
RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
# A request slower than wrk's 2 s default is still a request: the slow pages' p99 is the point.
TIMEOUT = "60s"


@dataclass
class Run:
    """One wrk run: its requests, how long it lasted, its throughput and latencies."""

    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int

    def as_dict(self):
        return asdict(self)


MISSING = (
    "wrk is missing: install Debian's package ('sudo apt-get install wrk'); "
    "'make bench' installs it when run as root."
)


def require():
    """Exit with a clear message when wrk is not installed, before any set-up."""
    if shutil.which("wrk") is None:
        raise SystemExit(MISSING)


def milliseconds(text):
    """wrk's duration (« 812.00us », « 1.34ms », « 2.01s », « 1.50m ») in milliseconds."""
    match = DURATION.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not a wrk duration: {text!r}")
    number, unit = match.groups()
    return float(number) * UNITS[unit]


def parse(output):
    """A Run from the text ``wrk --latency`` printed."""
    percentiles = {int(p): milliseconds(value) for p, value in PERCENTILE.findall(output)}
    requests = REQUESTS.search(output)
    rate = RATE.search(output)
    if requests is None or rate is None or set(percentiles) != {50, 99}:
        raise ValueError(f"unexpected wrk output:\n{output}")
    non_2xx = NON_2XX.search(output)
    socket_errors = SOCKET_ERRORS.search(output)
    return Run(
        requests=int(requests.group(1)),
        seconds=milliseconds(requests.group(2)) / 1000,
        rps=float(rate.group(1)),
        p50_ms=percentiles[50],
        p99_ms=percentiles[99],
        errors=(int(non_2xx.group(1)) if non_2xx else 0)
        + (sum(int(n) for n in socket_errors.groups()) if socket_errors else 0),
    )


def command(url, duration, connections, headers):
    """wrk's command line: one thread (enough for 4 connections; the cores go to the server)."""
    args = ["wrk", "--threads", "1", "--connections", str(connections)]
    args += ["--duration", duration, "--timeout", TIMEOUT, "--latency"]
    for name, value in headers.items():
        args += ["--header", f"{name}: {value}"]
    return [*args, url]


def run(url, duration, connections, headers):
    """Load ``url`` for ``duration`` (wrk's syntax: « 10s ») over ``connections``."""
    result = subprocess.run(
        command(url, duration, connections, headers),
        check=True,
        capture_output=True,
        text=True,
    )
    return parse(result.stdout)
