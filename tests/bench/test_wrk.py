"""Reading wrk's report (bench/wrk.py): throughput, the two percentiles, and every failed
request counted as an error, whatever unit wrk chose to print."""

import pytest

from bench import wrk

REPORT = """Running 10s test @ http://127.0.0.1:8000/
  1 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    54.12ms   20.01ms   1.02s    85.55%
    Req/Sec    63.90     10.00    80.00     60.00%
  Latency Distribution
     50%   54.00ms
     75%   70.00ms
     90%   90.00ms
     99%    1.59s
  639 requests in 10.01s, 7.03MB read
{errors}Requests/sec:     63.84
Transfer/sec:    719.18KB
"""


def test_a_clean_run():
    run = wrk.parse(REPORT.format(errors=""))
    assert run == wrk.Run(
        requests=639, seconds=10.01, rps=63.84, p50_ms=54.0, p99_ms=1590.0, errors=0
    )


def test_error_answers_and_socket_errors_are_errors():
    errors = (
        "  Socket errors: connect 1, read 2, write 0, timeout 3\n  Non-2xx or 3xx responses: 10\n"
    )
    assert wrk.parse(REPORT.format(errors=errors)).errors == 16


@pytest.mark.parametrize(
    ("text", "ms"),
    [("812.00us", 0.812), ("1.34ms", 1.34), ("2.01s", 2010.0), ("1.50m", 90_000.0)],
)
def test_every_unit_wrk_prints(text, ms):
    assert wrk.milliseconds(text) == pytest.approx(ms)


def test_an_unexpected_report_is_refused():
    with pytest.raises(ValueError, match="unexpected wrk output"):
        wrk.parse("unable to connect to 127.0.0.1:8000 Connection refused\n")


def test_the_command_sends_the_headers_and_asks_for_percentiles():
    command = wrk.command("http://127.0.0.1:8000/", "2s", 4, {"Cookie": "sessionid=abc"})
    assert command[0] == "wrk"
    assert command[-3:-1] == ["--header", "Cookie: sessionid=abc"]
    assert "--latency" in command and command[-1] == "http://127.0.0.1:8000/"


def test_a_missing_wrk_stops_the_bench_with_a_clear_message(monkeypatch):
    monkeypatch.setattr(wrk.shutil, "which", lambda name: None)
    with pytest.raises(SystemExit, match="apt-get install wrk"):
        wrk.require()
