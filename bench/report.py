"""The bench's printed tables and data/bench.json."""

import json

from bench.results import DEFAULT, LARGE, counterpart
from bench.targets import measured_share, scale_ratio

HEADER = (
    f"{'page':<26}{'visitor':<12}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'SQL':>5}"
    f"{'KB':>9}{'floor':>9}{'errors':>8}"
)


def row_line(row, floor_rps):
    queries = "—" if row.queries is None else row.queries
    errors = row.errors if row.status == 200 else f"HTTP {row.status}"
    share = measured_share(row.rps, floor_rps)
    return (
        f"{row.scenario.name:<26}{row.variant:<12}{row.rps:>9.1f}{row.p50_ms:>9.1f}"
        f"{row.p99_ms:>9.1f}{queries:>5}{row.bytes / 1000:>9.1f}{share:>9}{errors:>8}"
    )


def print_tables(rows, floor_rps):
    print(HEADER)
    for row in rows:
        if row.size == DEFAULT:
            print(row_line(row, floor_rps))
    large = [row for row in rows if row.size == LARGE]
    if large:
        print(f"\nLarge database (10× the contributions), same run\n{HEADER}")
        for row in large:
            print(row_line(row, floor_rps))
        print(f"\n{'page':<26}{'default req/s':>14}{'large req/s':>13}{'large/default':>15}")
        for row in large:
            default = counterpart(rows, row, DEFAULT)
            if default is not None:
                print(
                    f"{row.scenario.name:<26}{default.rps:>14.1f}{row.rps:>13.1f}"
                    f"{scale_ratio(default, row):>14.2f}×"
                )


def print_checks(found):
    print("\nTargets")
    for check in found:
        print(check.line())


def write(path, settings, rows, floor_rps, found):
    path.parent.mkdir(exist_ok=True)
    path.write_text(
        json.dumps(
            {
                "settings": settings,
                "floor_rps": round(floor_rps, 1),
                "rows": [row.as_dict(floor_rps) for row in rows],
                "targets": [{"target": c.label, "ok": c.ok} for c in found],
            },
            indent=2,
            ensure_ascii=False,
        )
    )
