"""The bench's lines (bench/run.py, bench/results.py): what is measured for each choice of
sizes, and how the interleaved runs of a line combine."""

from bench import run, scenarios
from bench.results import DEFAULT, LARGE, SIGNED_IN, SIGNED_OUT, Row
from bench.wrk import Run

CHOSEN = scenarios.chosen(["home", "search broad"])


def lines(sizes):
    return [(s.name, variant, size) for s, variant, size in run.plan(sizes, CHOSEN)]


def test_the_default_size_measures_the_floor_then_every_page_signed_out_and_in():
    assert lines([DEFAULT]) == [
        ("floor: static file", SIGNED_OUT, DEFAULT),
        ("home", SIGNED_OUT, DEFAULT),
        ("home", SIGNED_IN, DEFAULT),
        ("search broad", SIGNED_OUT, DEFAULT),
        ("search broad", SIGNED_IN, DEFAULT),
    ]


def test_the_large_size_adds_the_scaled_pages_signed_in():
    assert lines([DEFAULT, LARGE])[-1] == ("search broad", SIGNED_IN, LARGE)
    assert len(lines([DEFAULT, LARGE])) == 6


def test_the_large_size_alone_measures_what_it_is_compared_with():
    assert lines([LARGE]) == [
        ("floor: static file", SIGNED_OUT, DEFAULT),
        ("search broad", SIGNED_IN, DEFAULT),
        ("search broad", SIGNED_IN, LARGE),
    ]


def test_runs_combine_over_their_total_time_with_the_worst_p99():
    row = Row(scenarios.FLOOR, SIGNED_OUT, DEFAULT, "/")
    row.runs = [Run(1000, 10.0, 100.0, 10.0, 50.0, 0), Run(500, 10.0, 50.0, 20.0, 90.0, 2)]
    assert (row.rps, row.p50_ms, row.p99_ms, row.errors) == (75.0, 15.0, 90.0, 2)


def test_without_a_scaled_scenario_the_large_database_is_left_out(monkeypatch):
    monkeypatch.setattr("sys.argv", ["run", "--only", "home"])
    assert run.parse_args().sizes == [DEFAULT]
    monkeypatch.setattr("sys.argv", ["run", "--only", "search broad"])
    assert run.parse_args().sizes == [DEFAULT, LARGE]
