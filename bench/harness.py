"""Tiny benchmark harness: run a case several times, report the median.

Every case is compared with a baseline measured in the same run, because
these machines are noisy and absolute seconds mean little across runs.
Nothing here fails on a timing; ``passed`` only reports the target.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass


@dataclass(frozen=True, slots=True)
class Result:
    case: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_name: str = ""
    target: str = ""
    passed: bool | None = None
    note: str = ""
    text: str = ""  # shown instead of the number, for yes/no cases

    @property
    def ratio(self) -> float | None:
        if self.baseline in (None, 0):
            return None
        return self.value / self.baseline  # type: ignore[operator]

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "ratio": self.ratio}


def median_seconds(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``fn`` over ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
