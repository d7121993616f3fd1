"""Where n/p, ]/[, 1–5 and the entity list's jumps go: plain functions over spans.

``ArticleView`` calls them with its spans, the indices of direct mentions
(``nav``), the hidden labels and the current index, and selects what they
return. ``n``/``p`` skip labels whose highlighting is off; ``]``/``[`` and the
label keys go where they are asked to.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Sequence

from enrich.model import Label
from tui.reader.widgets.article_spans import Span


def step(candidates: Sequence[int], current: int | None, direction: int) -> int | None:
    """The candidate after (``direction`` > 0) or before ``current``, wrapping around."""
    if not candidates:
        return None
    if current is None:
        return candidates[0] if direction > 0 else candidates[-1]
    pos = bisect_left(candidates, current)
    if direction > 0:
        pos = pos + 1 if pos < len(candidates) and candidates[pos] == current else pos
        return candidates[pos % len(candidates)]
    return candidates[(pos - 1) % len(candidates)]


def shown_mentions(spans: Sequence[Span], nav: list[int], hidden: Collection[Label]) -> list[int]:
    """Direct mentions whose label is highlighted: what n/p walk through."""
    if not hidden:
        return nav
    return [i for i in nav if spans[i].label not in hidden]


def same_entity(spans: Sequence[Span], nav: Sequence[int], entity_id: str) -> list[int]:
    """Direct mentions of ``entity_id``."""
    return [i for i in nav if spans[i].entity_id == entity_id]


def next_of_label(
    spans: Sequence[Span], nav: Sequence[int], current: int | None, label: str
) -> int | None:
    """The next mention of another entity with ``label`` (wrapping around)."""
    entity = spans[current].entity_id if current is not None else None
    of_label = [i for i in nav if spans[i].label == label]
    others = [i for i in of_label if spans[i].entity_id != entity] or of_label
    return step(others, current, 1)


def next_new(
    spans: Sequence[Span], nav: Sequence[int], current: int | None, known: Collection[str]
) -> int | None:
    """The next mention of another entity not met in an earlier article (wrapping around)."""
    entity = spans[current].entity_id if current is not None else None
    new = [i for i in nav if spans[i].entity_id not in known and spans[i].entity_id != entity]
    return step(new, current, 1)


def first_of_entity(spans: Sequence[Span], nav: Sequence[int], entity_id: str) -> int | None:
    """The first direct mention of an entity (its first related form if it has none:
    "Deutschland", seen only as "deutsche", is still reachable from the list)."""
    for indices in (nav, range(len(spans))):
        for i in indices:
            if spans[i].entity_id == entity_id:
                return i
    return None
