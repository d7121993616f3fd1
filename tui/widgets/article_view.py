"""The article, virtualised with Textual's Line API.

Paragraphs are word-wrapped into an index of (start, end) character ranges
into ``Article.text``; ``render_line`` renders only the lines on screen and
keeps the rendered ``Strip``s in an LRU cache keyed by (line, width,
highlight state), as toolong's ``log_lines.py`` does. There is one widget
for the whole article, never one per paragraph.

Article text is untrusted: it is put into ``rich.text.Text`` as plain text,
never parsed as markup.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from enrich.model import Annotation, Article, Label
from tui.bindings import ARTICLE_BINDINGS
from tui.widgets.wrap import drawn_cells, wrap_paragraph

MAX_WIDTH = 88  # readable line length, in cells
_BLANK = (-1, -1)

LABEL_CLASSES = {
    Label.PER: "article-view--per",
    Label.ORG: "article-view--org",
    Label.LOC: "article-view--loc",
    Label.MISC: "article-view--misc",
    Label.TERM: "article-view--term",
}


@dataclass(frozen=True, slots=True)
class Span:
    """One highlighted mention: a character range and the entity it belongs to."""

    start: int
    end: int
    label: Label  # the entity's label, so all its mentions share one colour
    entity_id: str
    kind: str  # "mention" or "related"


class ArticleView(ScrollView, can_focus=True):
    """Scrollable, wrapped article text with entity highlights and a current mention."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *LABEL_CLASSES.values(),
        "article-view--current",
        "article-view--same",
        "article-view--related",
    }

    DEFAULT_CSS = """
    ArticleView {
        background: $surface;
        scrollbar-gutter: stable;
    }
    ArticleView > .article-view--per { color: $text-accent; text-style: bold; }
    ArticleView > .article-view--org { color: $text-secondary; text-style: bold; }
    ArticleView > .article-view--loc { color: $text-success; text-style: bold; }
    ArticleView > .article-view--misc { color: $text-warning; text-style: bold; }
    ArticleView > .article-view--term { color: $text-primary; text-style: bold; }
    ArticleView > .article-view--current { text-style: bold reverse; }
    ArticleView > .article-view--same { text-style: bold underline; }
    ArticleView > .article-view--related { text-style: italic; }
    """

    BINDINGS: ClassVar[list[BindingType]] = list(ARTICLE_BINDINGS)

    class Selected(Message):
        """The current mention changed (by key or click)."""

        def __init__(self, entity_id: str, span: Span) -> None:
            super().__init__()
            self.entity_id = entity_id
            self.span = span

    def __init__(self, article: Article, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.article = article
        self._lines: list[tuple[int, int]] = []
        self._line_starts: list[int] = []
        self._wrap_width = 0
        self._margin = 0
        self._layout_width = -1
        self._spans: list[Span] = []
        self._span_starts: list[int] = []
        self._nav: list[int] = []  # indices into _spans of direct mentions
        self._labels: dict[str, Label] = {}
        self.current: int | None = None  # index into _spans
        self._generation = 0  # bumped when the highlights change as a whole
        self._cache: LRUCache[tuple[object, ...], Strip] = LRUCache(1000)
        self._styles: dict[str, Style] = {}

    # ----------------------------------------------------------------- layout
    @property
    def line_count(self) -> int:
        return len(self._lines)

    def _relayout(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._layout_width:
            return
        self._layout_width = width
        self._wrap_width = min(MAX_WIDTH, max(10, width - 2))
        self._margin = max(1, (width - self._wrap_width) // 2) if width > self._wrap_width else 0
        lines: list[tuple[int, int]] = []
        text = self.article.text
        for i, p in enumerate(self.article.paragraphs):
            if i:
                lines.append(_BLANK)
            lines.extend(wrap_paragraph(text, p.start, p.end, self._wrap_width))
        self._lines = lines
        self._line_starts = [
            s if s >= 0 else (lines[i - 1][1] if i else 0) for i, (s, _) in enumerate(lines)
        ]
        self._cache.clear()
        self.virtual_size = Size(width, len(lines))
        if self.current is not None:
            self._scroll_to_span(self._spans[self.current])
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()

    def on_mount(self) -> None:
        self._relayout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._cache.clear()

    def line_of(self, offset: int) -> int:
        """Index of the wrapped line showing character ``offset``."""
        return max(0, bisect_right(self._line_starts, offset) - 1)

    def line_text(self, index: int) -> str:
        start, end = self._lines[index]
        return "" if start < 0 else self.article.text[start:end]

    # ------------------------------------------------------------- highlights
    def set_annotation(self, annotation: Annotation) -> None:
        spans = [
            Span(m.start, m.end, e.label, e.id, m.kind)
            for e in annotation.entities
            for m in e.mentions
        ]
        spans.sort(key=lambda s: (s.start, s.end))
        self._spans = spans
        self._span_starts = [s.start for s in spans]
        self._nav = [i for i, s in enumerate(spans) if s.kind == "mention"]
        self._labels = {e.id: e.label for e in annotation.entities}
        self.current = None
        self._generation += 1
        self._cache.clear()
        self.refresh()

    def _spans_in(self, start: int, end: int) -> list[int]:
        found = []
        i = max(0, bisect_left(self._span_starts, start) - 1)
        while i < len(self._spans) and self._spans[i].start < end:
            if self._spans[i].end > start:
                found.append(i)
            i += 1
        return found

    def _line_state(self, index: int) -> tuple[int, str | None]:
        """What about the current entity shows on this line (part of the cache key)."""
        if self.current is None:
            return (-1, None)
        start, end = self._lines[index]
        if start < 0:
            return (-1, None)
        entity = self._spans[self.current].entity_id
        here = self._spans_in(start, end)
        current = self.current if self.current in here else -1
        same = entity if any(self._spans[i].entity_id == entity for i in here) else None
        return (current, same)

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(name, partial=True)
        return style

    def legend(self) -> Text:
        """One sample per label, in the styles the article uses (for the card)."""
        legend = Text()
        for i, (label, name) in enumerate(LABEL_CLASSES.items(), start=1):
            legend.append(" " if i > 1 else "")
            legend.append(f"{i} {label}", style=self._style(name))
        return legend

    def _span_style(self, index: int) -> Style:
        span = self._spans[index]
        label = self._style(LABEL_CLASSES[span.label])
        if span.kind == "related":
            style = Style(color=label.color) + self._style("article-view--related")
        else:
            style = label
        if self.current is not None:
            if index == self.current:
                style += self._style("article-view--current")
            elif span.entity_id == self._spans[self.current].entity_id:
                style += self._style("article-view--same")
        return style

    # -------------------------------------------------------------- rendering
    def render_line(self, y: int) -> Strip:
        self._relayout()
        index = y + int(self.scroll_offset.y)
        width = self.scrollable_content_region.width
        if index >= len(self._lines) or index < 0:
            return Strip.blank(width, self.rich_style)
        key = (index, width, self._generation, self._line_state(index))
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_strip(index, width)
            self._cache[key] = strip
        return strip

    def _render_strip(self, index: int, width: int) -> Strip:
        start, end = self._lines[index]
        base = self.rich_style
        if start < 0:
            return Strip.blank(width, base)
        raw = self.article.text[start:end].replace("\n", " ").replace("\t", " ").rstrip()
        text = Text(raw, end="", no_wrap=True)
        for i in self._spans_in(start, end):
            span = self._spans[i]
            a, b = max(span.start, start) - start, min(span.end, end) - start
            if a < len(raw):
                text.stylize(self._span_style(i), a, min(b, len(raw)))
        segments = [Segment(" " * self._margin), *text.render(self.app.console)]
        return Strip(segments).apply_style(base).adjust_cell_length(width, base)

    # ------------------------------------------------------------- navigation
    def select(self, index: int) -> None:
        """Make span ``index`` the current mention, scroll to it and announce it."""
        self.current = index
        span = self._spans[index]
        self._scroll_to_span(span)
        self.refresh()
        self.post_message(self.Selected(span.entity_id, span))

    def _scroll_to_span(self, span: Span) -> None:
        line = self.line_of(span.start)
        top, height = int(self.scroll_offset.y), self.scrollable_content_region.height
        if height and not top <= line < top + height:
            self.scroll_to(y=max(0, line - height // 3), animate=False)

    def _step(self, candidates: list[int], step: int) -> int | None:
        if not candidates:
            return None
        if self.current is None:
            return candidates[0] if step > 0 else candidates[-1]
        pos = bisect_left(candidates, self.current)
        if step > 0:
            pos = pos + 1 if pos < len(candidates) and candidates[pos] == self.current else pos
            return candidates[pos % len(candidates)]
        return candidates[(pos - 1) % len(candidates)]

    def move(self, step: int) -> None:
        target = self._step(self._nav, step)
        if target is not None:
            self.select(target)

    def move_same(self, step: int) -> None:
        if self.current is None:
            self.move(step)
            return
        entity = self._spans[self.current].entity_id
        same = [i for i in self._nav if self._spans[i].entity_id == entity]
        target = self._step(same, step)
        if target is not None:
            self.select(target)

    def move_label(self, label: str) -> None:
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

    def select_entity(self, entity_id: str) -> None:
        """Jump to the first direct mention of an entity."""
        for i in self._nav:
            if self._spans[i].entity_id == entity_id:
                self.select(i)
                return

    @property
    def current_entity(self) -> str | None:
        return self._spans[self.current].entity_id if self.current is not None else None

    def action_next_mention(self) -> None:
        self.move(1)

    def action_previous_mention(self) -> None:
        self.move(-1)

    def action_next_same(self) -> None:
        self.move_same(1)

    def action_previous_same(self) -> None:
        self.move_same(-1)

    def action_next_label(self, label: str) -> None:
        self.move_label(label)

    def action_half_page_down(self) -> None:
        self.scroll_relative(y=max(1, self.scrollable_content_region.height // 2), animate=False)

    def action_half_page_up(self) -> None:
        self.scroll_relative(y=-max(1, self.scrollable_content_region.height // 2), animate=False)

    # ------------------------------------------------------------------ mouse
    def offset_at(self, x: int, y: int) -> int | None:
        """Character offset under content cell (x, y), or None outside the text."""
        index = y + int(self.scroll_offset.y)
        if not 0 <= index < len(self._lines):
            return None
        start, end = self._lines[index]
        col = x - self._margin
        if start < 0 or col < 0:
            return None
        cells = 0
        for i in range(start, end):
            cells += drawn_cells(self.article.text[i])
            if cells > col:
                return i
        return None

    def on_click(self, event: events.Click) -> None:
        offset = self.offset_at(event.x, event.y)
        if offset is None:
            return
        for i in self._spans_in(offset, offset + 1):
            if self._spans[i].kind == "mention":
                self.select(i)
                return
