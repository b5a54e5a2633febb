"""The targets of issue 16 (bench/targets.py): shares of the floor measured in the same run,
signed out and signed in, latency ceilings for the search, and the cost ratio between the
large database and the default one."""

from fractions import Fraction

from bench import targets
from bench.results import DEFAULT, LARGE, SIGNED_IN, SIGNED_OUT, Row
from bench.scenarios import SCENARIOS, Scenario
from bench.wrk import Run

PAGE = Scenario("page", "/", Fraction(1, 3), Fraction(1, 15))
SEARCH = Scenario("search", "/recherche/?q=x", max_p50_ms=40, max_p99_ms=150, scaled=True)


def row(scenario, variant, rps, p50=10.0, p99=20.0, size=DEFAULT):
    measured = Row(scenario, variant, size, scenario.path, status=200)
    measured.runs = [Run(int(rps * 10), 10.0, rps, p50, p99, 0)]
    return measured


def outcome(found):
    return [(check.label.split(":")[0], check.ok) for check in found]


def test_a_page_is_held_to_its_share_of_the_floor_signed_out_and_signed_in():
    found = targets.checks([row(PAGE, SIGNED_OUT, 300), row(PAGE, SIGNED_IN, 59)], 900)
    assert outcome(found) == [("page, signed out", True), ("page, signed in", False)]
    assert "(1/15.3)" in found[1].label


def test_search_latencies_are_checked_against_their_ceilings():
    found = targets.checks([row(SEARCH, SIGNED_IN, 50, p50=39, p99=151)], 900)
    assert [check.ok for check in found] == [True, False]


def test_the_large_database_may_cost_at_most_a_third_more():
    rows = [
        row(SEARCH, SIGNED_IN, 100, p50=1, p99=1),
        row(SEARCH, SIGNED_IN, 80, p50=1, p99=1, size=LARGE),
    ]
    assert outcome(targets.checks(rows, 900))[-1] == ("search, signed in", True)
    rows[1].runs[0].requests = 700
    last = targets.checks(rows, 900)[-1]
    assert not last.ok and "(1.43×)" in last.label


def test_a_page_that_answered_nothing_misses_its_target():
    assert outcome(targets.checks([row(PAGE, SIGNED_OUT, 0)], 900)) == [("page, signed out", False)]


def test_the_rows_of_the_large_database_have_no_share_target_of_their_own():
    assert targets.checks([row(PAGE, SIGNED_IN, 1, size=LARGE)], 900) == []


def test_the_issue_targets_are_those_of_the_scenarios():
    """Every page the issue names is held to its share; the search to its latencies."""
    by_name = {s.name: s for s in SCENARIOS}
    cached = [s.name for s in SCENARIOS if s.signed_out_share == Fraction(1, 3)]
    assert {"home", "event", "thread 5,000 comments", "GeoJSON region z9"} <= set(cached)
    assert by_name["contributions map"].signed_in_share == Fraction(1, 30)
    assert by_name["planisphère"].signed_in_share == Fraction(1, 15)
    assert by_name["search suggestions"].max_p99_ms == 30
    assert {s.name for s in SCENARIOS if s.scaled} >= {
        "contributions map",
        "GeoJSON region z9",
        "planisphère",
        "thread 5,000 comments",
        "search broad",
    }
