"""The article, virtualised with Textual's Line API.

Paragraphs are word-wrapped into an index of (start, end) character ranges
into ``Article.text`` (``article_layout``); ``render_line`` renders only the
lines on screen and keeps the rendered ``Strip``s in an LRU cache keyed by
(line, width, what is highlighted on that line), as toolong's ``log_lines.py``
does. There is one widget for the whole article, never one per paragraph.
The view is one class that owns all of its state (spans, the current
mention, hidden labels, search and selection); whenever that state changes as
a whole, ``_invalidate`` drops the cached strips. Where to move
(``article_navigation``), the modes' layers and selection steps
(``article_modes``, ``article_search``, ``article_selection``), the styles
(``article_styles``) and the messages (``article_messages``) are plain helpers
it calls with explicit arguments.

Article text is untrusted: it is put into ``rich.text.Text`` as plain text,
never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar, TypeAlias

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from enrich.labels import label_word
from enrich.model import Annotation, Article, Label
from tui.reader.bindings import ARTICLE_VIEW_BINDINGS
from tui.reader.widgets import article_messages as msg
from tui.reader.widgets import article_modes as modes
from tui.reader.widgets import article_navigation as nav
from tui.reader.widgets import article_styles as st
from tui.reader.widgets.article_layout import ArticleLayout
from tui.reader.widgets.article_search import FoldedText, SearchResult, search
from tui.reader.widgets.article_selection import Selection, trim, word_at
from tui.reader.widgets.article_spans import RangeIndex, Span, sort_spans
from tui.ui_text import tr, ui_language

__all__ = ["ArticleView", "Span"]

BOOKMARK_BAR = "▌"


class ArticleView(ScrollView, can_focus=True):
    """Scrollable, wrapped article text with entity highlights and a current mention."""

    COMPONENT_CLASSES: ClassVar[set[str]] = st.COMPONENT_CLASSES
    DEFAULT_CSS = st.CSS
    BINDINGS: ClassVar[list[BindingType]] = list(ARTICLE_VIEW_BINDINGS)

    # Messages (tui/reader/widgets/article_messages.py); handlers are on_article_view_*.
    Selected: TypeAlias = msg.Selected
    SpanChosen: TypeAlias = msg.SpanChosen
    SelectionCancelled: TypeAlias = msg.SelectionCancelled
    SelectionChanged: TypeAlias = msg.SelectionChanged
    SearchRequested: TypeAlias = msg.SearchRequested
    SearchStatus: TypeAlias = msg.SearchStatus
    HiddenLabelsChanged: TypeAlias = msg.HiddenLabelsChanged

    hidden: var[frozenset[Label]] = var(frozenset(), init=False)
    """Labels whose highlighting is switched off (``n``/``p`` skip them)."""

    def __init__(
        self,
        article: Article,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.article = article
        self.wrapped: ArticleLayout | None = None
        self._anchor = 0  # the offset last put at the top (see reading_offset)
        self._spans: list[Span] = []
        self._span_index = RangeIndex([])
        self._nav: list[int] = []  # indices into _spans of direct mentions
        self._bookmarks: list[tuple[int, int]] = []
        self._bookmark_index = RangeIndex([])
        self.current: int | None = None  # index into _spans
        self._generation = 0  # bumped when the highlights change as a whole
        self._cache: LRUCache[tuple[object, ...], Strip] = LRUCache(1000)
        self._styles: dict[str, Style] = {}
        self._folded: FoldedText | None = None  # built on the first search
        self.search_result: SearchResult | None = None
        self.searching = False
        self.selection: Selection | None = None
        self.known: frozenset[str] = frozenset()  # entity ids met in earlier articles
        self.rule_marks: frozenset[tuple[int, int]] = frozenset()  # shown rule changes

    # ----------------------------------------------------------------- layout
    @property
    def line_count(self) -> int:
        return len(self.wrapped) if self.wrapped is not None else 0

    @property
    def _lines(self) -> list[tuple[int, int]]:
        return self.wrapped.lines if self.wrapped is not None else []

    @property
    def _margin(self) -> int:
        return self.wrapped.margin if self.wrapped is not None else 0

    def _relayout(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0 or (self.wrapped is not None and width == self.wrapped.width):
            return
        reading = self.reading_offset
        current_was_shown = self.current is not None and self._is_shown(self._spans[self.current])
        self.wrapped = ArticleLayout(self.article, width)
        self._cache.clear()
        self.virtual_size = Size(width, len(self.wrapped))
        self.scroll_to_offset(reading)
        if current_was_shown and self.current is not None:
            self._scroll_to_offset_if_hidden(self._spans[self.current].start)
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
        return self.wrapped.line_of(offset) if self.wrapped is not None else 0

    def line_text(self, index: int) -> str:
        start, end = self._lines[index]
        return "" if start < 0 else self.article.text[start:end]

    # -------------------------------------------------------- reading position
    @property
    def _top(self) -> int:
        return int(self.scroll_offset.y)

    @property
    def reading_offset(self) -> int:
        """Offset of the first character on screen: where the student is reading.

        The offset last scrolled to while its line is still the top one, so
        that resizes in a row do not drift back a line start at a time.
        """
        wrapped = self.wrapped
        if wrapped is None or not len(wrapped):
            return self._anchor
        top = min(self._top, len(wrapped) - 1)
        if wrapped.line_of(self._anchor) == top:
            return self._anchor
        return wrapped.text_start(top)

    def scroll_to_offset(self, offset: int) -> None:
        """Put the line holding ``offset`` at the top (kept for later if not laid out yet)."""
        self._anchor = max(0, min(offset, len(self.article.text)))
        if self.wrapped is not None:
            self.scroll_to(y=self.wrapped.line_of(self._anchor), animate=False, immediate=True)

    def _visible_lines(self) -> range:
        height = self.scrollable_content_region.height
        return range(self._top, min(self.line_count, self._top + max(1, height)))

    def _is_shown(self, span: Span) -> bool:
        return self.line_of(span.start) in self._visible_lines()

    def _scroll_to_offset_if_hidden(self, offset: int) -> None:
        line = self.line_of(offset)
        height = self.scrollable_content_region.height
        if height and line not in self._visible_lines():
            self.scroll_to(y=max(0, line - height // 3), animate=False, immediate=True)

    def visible_entity_ids(self) -> list[str]:
        """Entities with a mention on screen, top to bottom (their lookups come first)."""
        lines, wrapped = self._visible_lines(), self.wrapped
        if not lines or wrapped is None:  # no lines without a layout
            return []
        start = wrapped.starts[lines[0]]
        end = wrapped.starts[lines[-1] + 1] if lines[-1] + 1 < self.line_count else None
        found = self._span_index.overlapping(start, len(self.article.text) if end is None else end)
        return list(dict.fromkeys(self._spans[i].entity_id for i in found))

    # ------------------------------------------------------------- highlights
    def set_annotation(self, annotation: Annotation) -> None:
        """New entities (first result or a correction): keep the current one and the scroll."""
        before = self._spans[self.current] if self.current is not None else None
        spans = sort_spans(
            [
                Span(m.start, m.end, e.label, e.id, m.kind)
                for e in annotation.entities
                for m in e.mentions
            ]
        )
        self._spans = spans
        self._span_index = RangeIndex([(s.start, s.end) for s in spans])
        self._nav = [i for i, s in enumerate(spans) if s.kind == "mention"]
        self.current = self._same_place(before)
        self._invalidate()
        if self.current is not None and self._spans[self.current] != before:
            span = self._spans[self.current]  # relabelled or merged: the card must follow
            self.post_message(self.Selected(span.entity_id, span))

    def _same_place(self, before: Span | None) -> int | None:
        """After new spans: the old entity's mention nearest to where it was, or what is there."""
        if before is None:
            return None
        same = [i for i in self._nav if self._spans[i].entity_id == before.entity_id]
        if same:
            return min(same, key=lambda i: abs(self._spans[i].start - before.start))
        here = self._span_index.overlapping(before.start, before.end)
        found = next((i for i in here if self._spans[i].kind == "mention"), None)
        if found is None and self._nav:  # rejected: move on to the next mention, as Prodigy does
            later = [i for i in self._nav if self._spans[i].start >= before.start]
            found = later[0] if later else self._nav[-1]
        return found

    def set_bookmarks(self, spans: Iterable[tuple[int, int]]) -> None:
        """Bookmarked passages, drawn quietly under the highlights."""
        self._bookmarks = sorted((s, e) for s, e in spans if e > s)
        self._bookmark_index = RangeIndex(self._bookmarks)
        self._invalidate()

    @property
    def hidden_labels(self) -> set[Label]:
        """Labels whose highlighting is switched off (a copy)."""
        return set(self.hidden)

    def set_hidden_labels(self, labels: Iterable[Label]) -> None:
        self.hidden = frozenset(labels)

    def watch_hidden(self, hidden: frozenset[Label]) -> None:
        self._invalidate()
        self.post_message(self.HiddenLabelsChanged(set(hidden)))

    def set_known(self, entity_ids: Iterable[str]) -> None:
        """Entities met in earlier articles: drawn quieter (a new generation of strips)."""
        known = frozenset(entity_ids)
        if known != self.known:
            self.known = known
            self._invalidate()  # the generation is part of every strip's cache key

    def set_rule_marks(self, spans: frozenset[tuple[int, int]]) -> None:
        """Mentions a personal rule made, marked while the rule toggle is on (empty: off)."""
        if spans != self.rule_marks:
            self.rule_marks = spans
            self._invalidate()

    def rule_marked(self, start: int, end: int) -> bool:
        return (start, end) in self.rule_marks

    def is_known(self, entity_id: str) -> bool:
        return entity_id in self.known

    def _invalidate(self) -> None:
        """The highlights changed as a whole: every cached strip is stale."""
        self._generation += 1
        self._cache.clear()
        self.refresh()

    def _spans_in(self, start: int, end: int) -> list[int]:
        return self._span_index.overlapping(start, end)

    def _line_state(self, index: int) -> tuple[object, ...]:
        """What on this line depends on the current mention, match or selection (cache key)."""
        start, end = self._lines[index]
        if start < 0:
            return ()
        entity_state: tuple[int, str | None] = (-1, None)
        if self.current is not None:
            entity = self._spans[self.current].entity_id
            here = self._spans_in(start, end)
            current = self.current if self.current in here else -1
            same = entity if any(self._spans[i].entity_id == entity for i in here) else None
            entity_state = (current, same)
        result = self.search_result if self.searching else None
        return (entity_state, *modes.mode_line_state(result, self.selection, start, end))

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self._layer_style(name)
        return style

    def _layer_style(self, name: str) -> Style:
        """A component style over the article: "$warning 35%" blended, "auto" colour resolved."""
        style = self.get_component_rich_style(name, partial=True)
        styles = self.get_component_styles(name)
        if style.bgcolor is None:
            return style
        background = self.styles.background + styles.background
        style += Style(bgcolor=background.rich_color)
        if styles.has_rule("color") and styles.color.auto:  # readable in any theme
            style += Style(color=background.get_contrast_text(styles.color.a).rich_color)
        return style

    def label_style(self, label: Label) -> Style:
        """How mentions of ``label`` look (colour, or text style under NO_COLOR)."""
        return self._style(st.LABEL_CLASSES[label])

    def _span_style(self, index: int) -> Style:
        span = self._spans[index]
        if span.label in self.hidden:
            style = Style()
        elif span.kind == "related":
            label = self._style(st.LABEL_CLASSES[span.label])
            style = Style(color=label.color) + self._style(st.RELATED)
        else:
            style = self._style(st.LABEL_CLASSES[span.label])
        if span.entity_id in self.known and span.label not in self.hidden:
            style += self._style(st.KNOWN)
        if self.rule_marks and (span.start, span.end) in self.rule_marks:
            style += self._style(st.RULE)
        if self.current is not None:
            if index == self.current:
                style += self._style(st.CURRENT)
            elif span.entity_id == self._spans[self.current].entity_id:
                style += self._style(st.SAME)
        return style

    # -------------------------------------------------------------- rendering
    def render_line(self, y: int) -> Strip:
        self._relayout()
        index = y + self._top
        width = self.scrollable_content_region.width
        if index >= self.line_count or index < 0:
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

        def paint(a: int, b: int, style: Style) -> None:
            a, b = max(a, start) - start, min(b, end, start + len(raw)) - start
            if a < b:
                text.stylize(style, a, b)

        bookmark = self._style(st.BOOKMARK)
        bookmarks = self._bookmark_index.overlapping(start, end)
        for i in bookmarks:
            paint(*self._bookmarks[i], bookmark)
        for i in self._spans_in(start, end):
            span = self._spans[i]
            paint(span.start, span.end, self._span_style(i))
        result = self.search_result if self.searching else None
        for a, b, name in modes.mode_layers(result, self.selection, start, end):
            paint(a, b, self._style(name))
        margin = [Segment(" " * self._margin)]
        if bookmarks and self._margin:  # a bar beside bookmarked lines, colour or not
            mark = Segment(BOOKMARK_BAR, self._style(st.BOOKMARK_MARK))
            margin = [Segment(" " * (self._margin - 1)), mark]
        segments = [*margin, *text.render(self.app.console)]
        return Strip(segments).apply_style(base).adjust_cell_length(width, base)

    # ------------------------------------------------------------- navigation
    def select(self, index: int) -> None:
        """Make span ``index`` the current mention, scroll to it and announce it."""
        self.current = index
        span = self._spans[index]
        self._scroll_to_offset_if_hidden(span.start)
        self.refresh()
        self.post_message(self.Selected(span.entity_id, span))

    def move(self, step: int) -> None:
        target = nav.step(
            nav.shown_mentions(self._spans, self._nav, self.hidden), self.current, step
        )
        if target is not None:
            self.select(target)

    def move_same(self, step: int) -> None:
        if self.current is None:
            self.move(step)
            return
        same = nav.same_entity(self._spans, self._nav, self._spans[self.current].entity_id)
        target = nav.step(same, self.current, step)
        if target is not None:
            self.select(target)

    def move_label(self, label: str) -> None:
        """The next mention of another entity with ``label`` (wrapping around)."""
        target = nav.next_of_label(self._spans, self._nav, self.current, label)
        if target is None:
            annotated = getattr(self.screen, "annotation", None) is not None  # ReaderScreen's
            message = (
                tr("No {label} in this article.", label=label_word(label, ui_language()))
                if annotated
                else tr("Still finding entities…")
            )
            self.notify(message, markup=False)
        else:
            self.select(target)

    def select_entity(self, entity_id: str) -> None:
        """Jump to the first direct mention of an entity (or its first related form)."""
        target = nav.first_of_entity(self._spans, self._nav, entity_id)
        if target is not None:
            self.select(target)

    def action_next_new(self) -> None:
        """The next entity not met in an earlier article."""
        target = nav.next_new(
            self._spans,
            nav.shown_mentions(self._spans, self._nav, self.hidden),
            self.current,
            self.known,
        )
        if target is None:
            self.notify(tr("No new entities: you met all of them before."), markup=False)
        else:
            self.select(target)

    @property
    def current_entity(self) -> str | None:
        return self._spans[self.current].entity_id if self.current is not None else None

    # Read-only views for the card, exports and tests: what is highlighted, and where.
    @property
    def spans(self) -> tuple[Span, ...]:
        """Every highlighted span in text order (``current`` indexes into it)."""
        return tuple(self._spans)

    @property
    def current_span(self) -> Span | None:
        return self._spans[self.current] if self.current is not None else None

    @property
    def mention_indices(self) -> tuple[int, ...]:
        """Indices into ``spans`` of the direct mentions, in reading order (what ``n`` walks)."""
        return tuple(self._nav)

    @property
    def bookmarks(self) -> tuple[tuple[int, int], ...]:
        """Bookmarked passages as (start, end) offsets, in text order."""
        return tuple(self._bookmarks)

    def cell_of(self, offset: int) -> tuple[int, int]:
        """Content cell (x, y) that shows character ``offset`` now: ``offset_at``'s inverse."""
        if self.wrapped is None:
            return (0, 0)
        return (self._margin + self.wrapped.column_of(offset), self.line_of(offset) - self._top)

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

    # ----------------------------------------------------------------- modes
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While a mode is on its bindings win over the same keys' reading bindings
        (``n`` walks matches, ``enter`` chooses the selection); otherwise they step aside."""
        if action in modes.SEARCH_ACTIONS:
            return self.searching and self.selection is None
        if action in modes.SELECTION_ACTIONS:
            return self.selection is not None
        return super().check_action(action, parameters)

    def _mode_changed(self) -> None:
        self.refresh_bindings()  # the footer shows the mode's keys
        self.refresh()

    def search(self, query: str) -> SearchResult:
        """Find ``query`` (literal, case and accents ignored) and go to the first match.

        The first match is the one at the reading position or after it; while
        the query grows, the match already shown stays current if it still matches.
        """
        if self._folded is None:
            self._folded = FoldedText(self.article.text)
        previous = self.search_result
        result = search(self._folded, query)
        anchor = self.reading_offset
        if self.searching and previous is not None and previous.current is not None:
            anchor = previous.matches[previous.current][0]
        result.first_from(anchor)
        self.search_result = result
        self.searching = True
        self._invalidate()  # other matches everywhere
        self._show_match()
        self._mode_changed()
        return result

    def search_step(self, step: int) -> None:
        result = self.search_result
        if result is None or not result.matches:
            self._post_search_status()
            return
        result.step(step)
        self._show_match()

    def _show_match(self) -> None:
        result = self.search_result
        if result is not None and result.current is not None:
            self._scroll_to_offset_if_hidden(result.matches[result.current][0])
        self.refresh()
        self._post_search_status()

    def _post_search_status(self) -> None:
        result = self.search_result
        query = result.query if result is not None else ""
        status = result.status() if result is not None else ""
        self.post_message(self.SearchStatus(query, status, self.searching))

    def end_search(self) -> None:
        """Leave search mode: matches are no longer shown, ``n`` is next mention again."""
        if not self.searching:
            return
        self.searching = False
        self._invalidate()
        self._mode_changed()
        self._post_search_status()

    def action_search(self) -> None:
        if self._folded is None:  # now, while the student starts typing
            self._folded = FoldedText(self.article.text)
        query = self.search_result.query if self.search_result is not None else ""
        self.post_message(self.SearchRequested(query))

    def action_next_match(self) -> None:
        self.search_step(1)

    def action_previous_match(self) -> None:
        self.search_step(-1)

    def action_end_search(self) -> None:
        self.end_search()

    def start_selection(self, purpose: str) -> None:
        """Select with the keyboard, starting at the current match or mention, or on screen.

        ``enter`` posts ``SpanChosen(purpose, ...)``; ``escape`` posts ``SelectionCancelled``.
        """
        result = self.search_result
        if self.searching and result is not None and result.current is not None:
            start, end = result.matches[result.current]
        elif self.current is not None and self._is_shown(self._spans[self.current]):
            span = self._spans[self.current]
            start, end = span.start, span.end
        else:
            start, end = word_at(self.article.text, self.reading_offset)
        self._set_selection(Selection(purpose, start, end))
        self._mode_changed()

    def select_word_at(self, offset: int) -> None:
        """A click while selecting: the selection becomes the word there."""
        if self.selection is not None:
            start, end = word_at(self.article.text, offset)
            self._set_selection(Selection(self.selection.purpose, start, end))

    def _set_selection(self, selection: Selection | None) -> None:
        self.selection = selection
        if selection is None:
            self.post_message(self.SelectionChanged("", 0, 0, ""))
        else:
            text = self.article.text[selection.start : selection.end]
            self.post_message(
                self.SelectionChanged(selection.purpose, selection.start, selection.end, text)
            )
        self.refresh()

    def extend_selection(self, unit: str, step: int, start: bool = False) -> None:
        """Move the selection's end (or its start) by a character, a word or a line."""
        if self.selection is None:
            return
        selection, edge = modes.extended(
            self.selection, self.wrapped, self.article.text, unit, step, start
        )
        self._set_selection(selection)
        self._scroll_to_offset_if_hidden(edge)

    def confirm_selection(self) -> None:
        selection = self.selection
        if selection is None:
            return
        start, end = trim(self.article.text, selection.start, selection.end, selection.purpose)
        if end <= start:
            self.notify(tr("Nothing but punctuation is selected: extend with w."), markup=False)
            return
        self._set_selection(None)
        self._mode_changed()
        self.post_message(
            self.SpanChosen(selection.purpose, start, end, self.article.text[start:end])
        )

    def cancel_selection(self) -> None:
        selection = self.selection
        if selection is None:
            return
        self._set_selection(None)
        self._mode_changed()
        self.post_message(self.SelectionCancelled(selection.purpose))

    def action_extend_selection(self, unit: str, step: int, start: bool = False) -> None:
        self.extend_selection(unit, step, start)

    def action_confirm_selection(self) -> None:
        self.confirm_selection()

    def action_cancel_selection(self) -> None:
        self.cancel_selection()

    # --------------------------------------------------------------- labels
    def action_highlight_labels(self) -> None:
        """The label switches: each switch shows at once; closing keeps the last choice."""
        from tui.reader.screens.labels import LabelsScreen

        styles = {label: self.label_style(label) for label in Label}

        def closed(hidden: frozenset[Label] | None) -> None:
            if hidden is not None:
                self.set_hidden_labels(hidden)

        self.app.push_screen(
            LabelsScreen(self.hidden, styles, preview=self.set_hidden_labels), closed
        )

    # ------------------------------------------------------------------ mouse
    def offset_at(self, x: int, y: int) -> int | None:
        """Character offset under content cell (x, y), or None outside the text."""
        if self.wrapped is None:
            return None
        return self.wrapped.offset_at(y + self._top, x - self._margin)

    def on_click(self, event: events.Click) -> None:
        offset = self.offset_at(event.x, event.y)
        if offset is None:
            return
        if self.selection is not None:
            self.select_word_at(offset)
            return
        for i in self._spans_in(offset, offset + 1):
            span = self._spans[i]
            if span.kind == "mention" and span.label not in self.hidden:
                self.select(i)
                return
