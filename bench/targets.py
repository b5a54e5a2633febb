"""The targets of issue 16, checked against one run's rows.

Throughput targets are shares of the floor (the static file) measured in the same run, so that
they hold on any machine: what a page costs compared with the least a request can cost there.
The scale target compares a page's cost (the inverse of its requests per second) on the large
database with the default one."""

from dataclasses import dataclass

from bench.results import DEFAULT, LARGE, SIGNED_IN, SIGNED_OUT, counterpart
from bench.scenarios import MAX_SCALE_RATIO


@dataclass
class Check:
    label: str
    ok: bool

    def line(self):
        return f"  {'OK  ' if self.ok else 'MISS'} {self.label}"


def share_label(share):
    """« 1/3 » for a share of the floor."""
    return f"1/{round(1 / share)}"


def measured_share(rps, floor_rps):
    """« 1/12.3 »: a page's requests per second as a share of the floor's."""
    return f"1/{floor_rps / rps:.1f}" if rps and floor_rps else "—"


def scale_ratio(default, large):
    """How many times more a request costs on the large database (∞ if nothing answered)."""
    return default.rps / large.rps if large.rps else float("inf")


def row_checks(row, floor_rps):
    scenario, name = row.scenario, f"{row.scenario.name}, {row.variant}"
    share = {SIGNED_OUT: scenario.signed_out_share, SIGNED_IN: scenario.signed_in_share}[
        row.variant
    ]
    if share is not None:
        yield Check(
            f"{name}: ≥ {share_label(share)} of the floor ({measured_share(row.rps, floor_rps)})",
            # Compared as a product, so that exactly a third of the floor is a third.
            row.rps * share.denominator >= floor_rps * share.numerator > 0,
        )
    if scenario.max_p50_ms is not None:
        yield Check(
            f"{name}: p50 ≤ {scenario.max_p50_ms} ms ({row.p50_ms:.1f})",
            row.p50_ms <= scenario.max_p50_ms,
        )
    if scenario.max_p99_ms is not None:
        yield Check(
            f"{name}: p99 ≤ {scenario.max_p99_ms} ms ({row.p99_ms:.1f})",
            row.p99_ms <= scenario.max_p99_ms,
        )


def checks(rows, floor_rps):
    """Every target that applies to ``rows``: those of each scenario on the default database,
    then the scale ratio of each scenario measured on both."""
    found = []
    for row in rows:
        if row.size == DEFAULT:
            found += row_checks(row, floor_rps)
    for large in rows:
        default = counterpart(rows, large, DEFAULT) if large.size == LARGE else None
        if default is not None:
            ratio = scale_ratio(default, large)
            found.append(
                Check(
                    f"{large.scenario.name}, {large.variant}: large/default ≤ "
                    f"{MAX_SCALE_RATIO}× ({ratio:.2f}×)",
                    ratio <= MAX_SCALE_RATIO,
                )
            )
    return found
