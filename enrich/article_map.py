"""The article map's numbers: where each entity's mentions fall, and which entities
share its paragraphs most often ("appears with"). Plain data for the reader's map
screen; one pass over the mentions and paragraphs."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from enrich.model import Annotation


@dataclass(frozen=True, slots=True)
class MapRow:
    """One entity on the map."""

    entity_id: str
    name: str
    label: str
    positions: tuple[int, ...]  # character offsets of its direct mentions, in order
    appears_with: tuple[tuple[str, int], ...]  # (name, shared paragraphs), most first

    @property
    def count(self) -> int:
        return len(self.positions)


def article_map(annotation: Annotation, partners: int = 3) -> list[MapRow]:
    """Entities with a direct mention, most mentioned first (then by name)."""
    article = annotation.article
    starts = [p.start for p in article.paragraphs] or [0]
    names = {e.id: e.name for e in annotation.entities}
    paragraphs_of: dict[str, set[int]] = {}
    members: dict[int, set[str]] = {}
    rows = []
    for e in annotation.entities:
        positions = tuple(sorted(m.start for m in e.direct_mentions))
        if not positions:
            continue
        rows.append((e, positions))
        here = {max(bisect_right(starts, p) - 1, 0) for p in positions}
        paragraphs_of[e.id] = here
        for i in here:
            members.setdefault(i, set()).add(e.id)
    result = []
    for e, positions in rows:
        shared: Counter[str] = Counter()
        for i in paragraphs_of[e.id]:
            shared.update(other for other in members[i] if other != e.id)
        best = sorted(shared.items(), key=lambda kv: (-kv[1], names[kv[0]].lower()))[:partners]
        result.append(
            MapRow(e.id, e.name, str(e.label), positions, tuple((names[k], n) for k, n in best))
        )
    result.sort(key=lambda r: (-r.count, r.name.lower()))
    return result


def bins(positions: tuple[int, ...], length: int, width: int) -> list[int]:
    """Mentions per cell when the article's ``length`` characters span ``width`` cells."""
    cells = [0] * max(width, 1)
    for p in positions:
        cells[min(p * len(cells) // max(length, 1), len(cells) - 1)] += 1
    return cells
