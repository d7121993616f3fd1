"""Moving the current mention: n/p, ]/[, 1–5, the entity list's jumps.

A mixin of ``ArticleView``. ``n``/``p`` skip labels whose highlighting is
off; ``]``/``[`` and the label keys go where they are asked to.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.reader.widgets.article_view import ArticleView


class ArticleNavigation:
    """Steps between mentions for ``ArticleView`` (which provides ``select``)."""

    def _step(self: ArticleView, candidates: list[int], step: int) -> int | None:
        if not candidates:
            return None
        if self.current is None:
            return candidates[0] if step > 0 else candidates[-1]
        pos = bisect_left(candidates, self.current)
        if step > 0:
            pos = pos + 1 if pos < len(candidates) and candidates[pos] == self.current else pos
            return candidates[pos % len(candidates)]
        return candidates[(pos - 1) % len(candidates)]

    def _shown_nav(self: ArticleView) -> list[int]:
        """Direct mentions whose label is highlighted: what n/p walk through."""
        if not self._hidden:
            return self._nav
        return [i for i in self._nav if self._spans[i].label not in self._hidden]

    def move(self: ArticleView, step: int) -> None:
        target = self._step(self._shown_nav(), step)
        if target is not None:
            self.select(target)

    def move_same(self: ArticleView, step: int) -> None:
        if self.current is None:
            self.move(step)
            return
        entity = self._spans[self.current].entity_id
        same = [i for i in self._nav if self._spans[i].entity_id == entity]
        target = self._step(same, step)
        if target is not None:
            self.select(target)

    def move_label(self: ArticleView, label: str) -> None:
        """The next mention of another entity with ``label`` (wrapping around)."""
        entity = self._spans[self.current].entity_id if self.current is not None else None
        of_label = [i for i in self._nav if self._spans[i].label == label]
        others = [i for i in of_label if self._spans[i].entity_id != entity] or of_label
        target = self._step(others, 1)
        if target is None:
            annotated = getattr(self.app, "annotation", None) is not None
            message = (
                f"No {label} entities in this article."
                if annotated
                else ("Still finding entities…")
            )
            self.notify(message, markup=False)
        else:
            self.select(target)

    def select_entity(self: ArticleView, entity_id: str) -> None:
        """Jump to the first direct mention of an entity (its first related form if it has none:
        "Deutschland", seen only as "deutsche", is still reachable from the list)."""
        for indices in (self._nav, range(len(self._spans))):
            for i in indices:
                if self._spans[i].entity_id == entity_id:
                    self.select(i)
                    return

    @property
    def current_entity(self: ArticleView) -> str | None:
        return self._spans[self.current].entity_id if self.current is not None else None

    def action_next_mention(self: ArticleView) -> None:
        self.move(1)

    def action_previous_mention(self: ArticleView) -> None:
        self.move(-1)

    def action_next_same(self: ArticleView) -> None:
        self.move_same(1)

    def action_previous_same(self: ArticleView) -> None:
        self.move_same(-1)

    def action_next_label(self: ArticleView, label: str) -> None:
        self.move_label(label)

    def action_half_page_down(self: ArticleView) -> None:
        self.scroll_relative(y=max(1, self.scrollable_content_region.height // 2), animate=False)

    def action_half_page_up(self: ArticleView) -> None:
        self.scroll_relative(y=-max(1, self.scrollable_content_region.height // 2), animate=False)
