"""One line of the bench's report: a scenario, signed out or in, on one database, and its runs.

The runs of a line are interleaved with those of every other line (all lines once, then all
again), so a burst of load elsewhere on the machine lands on several lines rather than on all
the runs of one. A line's figures combine its runs: requests per second over their total time,
the median latency averaged, the 99th percentile the worst of them."""

from dataclasses import dataclass, field

from bench.scenarios import Scenario
from bench.wrk import Run

SIGNED_OUT, SIGNED_IN = "signed out", "signed in"
DEFAULT, LARGE = "default", "large"


@dataclass
class Row:
    scenario: Scenario
    variant: str
    size: str
    path: str
    status: int = 0
    bytes: int = 0
    queries: int | None = None
    runs: list[Run] = field(default_factory=list)

    @property
    def rps(self):
        seconds = sum(run.seconds for run in self.runs)
        return sum(run.requests for run in self.runs) / seconds if seconds else 0.0

    @property
    def p50_ms(self):
        return sum(run.p50_ms for run in self.runs) / len(self.runs) if self.runs else 0.0

    @property
    def p99_ms(self):
        return max((run.p99_ms for run in self.runs), default=0.0)

    @property
    def errors(self):
        return sum(run.errors for run in self.runs)

    @property
    def failed(self):
        return self.status != 200 or self.errors > 0

    def as_dict(self, floor_rps):
        return {
            "scenario": self.scenario.name,
            "variant": self.variant,
            "size": self.size,
            "path": self.path,
            "status": self.status,
            "bytes": self.bytes,
            "queries": self.queries,
            "rps": round(self.rps, 1),
            "p50_ms": round(self.p50_ms, 1),
            "p99_ms": round(self.p99_ms, 1),
            "errors": self.errors,
            "share_of_floor": round(self.rps / floor_rps, 4) if floor_rps else None,
            "runs": [run.as_dict() for run in self.runs],
        }


def counterpart(rows, row, size):
    """The row of ``row``'s scenario and variant measured on database ``size``, or None."""
    for other in rows:
        if (other.scenario, other.variant, other.size) == (row.scenario, row.variant, size):
            return other
    return None
