"""Highlighted ranges of the article and a quick lookup of those on one line.

Spans are sorted by start; a running maximum of their ends lets a lookup find
long or overlapping spans that start well before a line (a bookmark over a
whole paragraph, a mention inside another) without scanning from the top.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

from enrich.model import Label


@dataclass(frozen=True, slots=True)
class Span:
    """One highlighted mention: a character range and the entity it belongs to."""

    start: int
    end: int
    label: Label  # the entity's label, so all its mentions share one colour
    entity_id: str
    kind: str  # "mention" or "related"


class RangeIndex:
    """Sorted (start, end) ranges; ``overlapping`` finds those touching a range."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self._starts = [s for s, _ in ranges]
        self._ends = [e for _, e in ranges]
        self._max_ends = list(accumulate(self._ends, max))

    def __len__(self) -> int:
        return len(self._starts)

    def overlapping(self, start: int, end: int) -> list[int]:
        """Indices of the ranges with ``r.start < end and r.end > start``, in order."""
        first = bisect_right(self._max_ends, start)  # every range before ends by ``start``
        stop = bisect_left(self._starts, end)
        ends = self._ends
        return [i for i in range(first, stop) if ends[i] > start]


def sort_spans(spans: list[Span]) -> list[Span]:
    return sorted(spans, key=lambda s: (s.start, s.end))
