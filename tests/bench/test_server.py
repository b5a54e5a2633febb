"""Draining the server between runs (bench/server.py): the next run waits until the workers
are idle and the database runs none of their queries."""

import os
import signal
import subprocess
import time

import pytest

from bench import server


@pytest.fixture
def master():
    """A process with one idle child, as a gunicorn master with its worker."""
    process = subprocess.Popen(["/bin/sh", "-c", "sleep 30 & wait"], start_new_session=True)
    time.sleep(0.2)
    yield process
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def test_an_idle_server_is_drained_at_once(master):
    assert len(server.worker_pids(master)) == 1
    started = time.monotonic()
    server.drain(master, lambda: 0)
    assert time.monotonic() - started < 2


def test_a_query_still_running_keeps_the_next_run_waiting(master, monkeypatch):
    monkeypatch.setattr(server, "DRAIN_TIMEOUT", 1)
    with pytest.raises(SystemExit, match="still busy"):
        server.drain(master, lambda: 1)
