"""The article view's two modes: search (``/``) and keyboard selection (``v``, ``b``).

A mixin of ``ArticleView``: each mode has its own state, its own highlight
layers for ``render_line`` and the actions its bindings call. While a mode is
on, ``check_action`` lets its bindings win over the same keys' reading
bindings (``n`` walks matches, ``enter`` chooses the selection); otherwise
they step aside.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tui.reader.widgets import article_styles as st
from tui.reader.widgets.article_search import FoldedText, SearchResult, search
from tui.reader.widgets.article_selection import (
    Selection,
    next_word_end,
    next_word_start,
    previous_word_end,
    previous_word_start,
    trim,
    word_at,
)

if TYPE_CHECKING:
    from tui.reader.widgets.article_view import ArticleView

_SEARCH_ACTIONS = {"next_match", "previous_match", "end_search"}
_SELECTION_ACTIONS = {"extend_selection", "confirm_selection", "cancel_selection"}


class ArticleModes:
    """Search and selection for ``ArticleView`` (which provides the rest)."""

    def _init_modes(self: ArticleView) -> None:
        self._folded: FoldedText | None = None  # built on the first search
        self.search_result: SearchResult | None = None
        self.searching = False
        self.selection: Selection | None = None

    def check_action(self: Any, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _SEARCH_ACTIONS:
            return self.searching and self.selection is None
        if action in _SELECTION_ACTIONS:
            return self.selection is not None
        return super().check_action(action, parameters)  # type: ignore[misc]

    def _mode_changed(self: ArticleView) -> None:
        self.refresh_bindings()  # the footer shows the mode's keys
        self.refresh()

    # ------------------------------------------------------------ rendering
    def _mode_line_state(self: ArticleView, start: int, end: int) -> tuple[object, ...]:
        """Part of a line's cache key: the current match and the selection on it."""
        match_state: object = None
        result = self.search_result
        if self.searching and result is not None and result.matches:
            here = result.in_range(start, end)
            match_state = result.current if result.current in here else -1
        selection = self.selection
        selection_state = None
        if selection is not None and selection.start < end and selection.end > start:
            selection_state = (max(start, selection.start), min(end, selection.end))
        return (match_state, selection_state)

    def _mode_layers(self: ArticleView, start: int, end: int) -> list[tuple[int, int, str]]:
        """(start, end, component class) to paint over the entity highlights."""
        layers: list[tuple[int, int, str]] = []
        result = self.search_result
        if self.searching and result is not None:
            for i in result.in_range(start, end):
                name = st.MATCH_CURRENT if i == result.current else st.MATCH
                layers.append((*result.matches[i], name))
        if self.selection is not None:
            layers.append((self.selection.start, self.selection.end, st.SELECTION))
        return layers

    # --------------------------------------------------------------- search
    def search(self: ArticleView, query: str) -> SearchResult:
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

    def search_step(self: ArticleView, step: int) -> None:
        result = self.search_result
        if result is None or not result.matches:
            self._post_search_status()
            return
        result.step(step)
        self._show_match()

    def _show_match(self: ArticleView) -> None:
        result = self.search_result
        if result is not None and result.current is not None:
            self._scroll_to_offset_if_hidden(result.matches[result.current][0])
        self.refresh()
        self._post_search_status()

    def _post_search_status(self: ArticleView) -> None:
        result = self.search_result
        query = result.query if result is not None else ""
        status = result.status() if result is not None else ""
        self.post_message(self.SearchStatus(query, status, self.searching))

    def end_search(self: ArticleView) -> None:
        """Leave search mode: matches are no longer shown, ``n`` is next mention again."""
        if not self.searching:
            return
        self.searching = False
        self._invalidate()
        self._mode_changed()
        self._post_search_status()

    def action_search(self: ArticleView) -> None:
        if self._folded is None:  # now, while the student starts typing
            self._folded = FoldedText(self.article.text)
        query = self.search_result.query if self.search_result is not None else ""
        self.post_message(self.SearchRequested(query))

    def action_next_match(self: ArticleView) -> None:
        self.search_step(1)

    def action_previous_match(self: ArticleView) -> None:
        self.search_step(-1)

    def action_end_search(self: ArticleView) -> None:
        self.end_search()

    # ------------------------------------------------------------ selection
    def start_selection(self: ArticleView, purpose: str) -> None:
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

    def select_word_at(self: ArticleView, offset: int) -> None:
        """A click while selecting: the selection becomes the word there."""
        if self.selection is not None:
            start, end = word_at(self.article.text, offset)
            self._set_selection(Selection(self.selection.purpose, start, end))

    def _set_selection(self: ArticleView, selection: Selection | None) -> None:
        self.selection = selection
        if selection is None:
            self.post_message(self.SelectionChanged("", 0, 0, ""))
        else:
            text = self.article.text[selection.start : selection.end]
            self.post_message(
                self.SelectionChanged(selection.purpose, selection.start, selection.end, text)
            )
        self.refresh()

    def extend_selection(self: ArticleView, unit: str, step: int, start: bool = False) -> None:
        """Move the selection's end (or its start) by a character, a word or a line."""
        selection = self.selection
        if selection is None:
            return
        text = self.article.text
        a, b = selection.start, selection.end
        if start:
            if unit == "word":
                a = next_word_start(text, a) if step > 0 else previous_word_start(text, a)
            else:
                a = self._line_neighbour(a, step, start=True)
            if a >= b:  # passed the end: the selection becomes the word there
                b = word_at(text, a)[1]
            edge = a
        else:
            if unit == "char":
                b = min(len(text), b + 1) if step > 0 else max(a + 1, b - 1)
            elif unit == "word":
                b = next_word_end(text, b) if step > 0 else previous_word_end(text, b, a)
            else:
                moved = self._line_neighbour(b - 1, step, start=False)
                b = moved if moved > a else b
            edge = b - 1
        self._set_selection(Selection(selection.purpose, a, b))
        self._scroll_to_offset_if_hidden(edge)

    def _line_neighbour(self: ArticleView, offset: int, step: int, *, start: bool) -> int:
        """The word boundary at the same column ``step`` text lines away (or ``offset``)."""
        wrapped = self.wrapped
        if wrapped is None:
            return offset
        line, column = wrapped.line_of(offset), wrapped.column_of(offset)
        target = line + step
        while 0 <= target < len(wrapped) and wrapped.lines[target][0] < 0:
            target += step  # skip the blank line between paragraphs
        found = wrapped.offset_at(target, column, clamp=True)
        if found is None:
            return offset if start else offset + 1
        word_start, word_end = word_at(self.article.text, found)
        return word_start if start else word_end

    def confirm_selection(self: ArticleView) -> None:
        selection = self.selection
        if selection is None:
            return
        start, end = trim(self.article.text, selection.start, selection.end, selection.purpose)
        if end <= start:
            self.notify("Nothing but punctuation is selected: extend with w.", markup=False)
            return
        self._set_selection(None)
        self._mode_changed()
        self.post_message(
            self.SpanChosen(selection.purpose, start, end, self.article.text[start:end])
        )

    def cancel_selection(self: ArticleView) -> None:
        selection = self.selection
        if selection is None:
            return
        self._set_selection(None)
        self._mode_changed()
        self.post_message(self.SelectionCancelled(selection.purpose))

    def action_extend_selection(
        self: ArticleView, unit: str, step: int, start: bool = False
    ) -> None:
        self.extend_selection(unit, step, start)

    def action_confirm_selection(self: ArticleView) -> None:
        self.confirm_selection()

    def action_cancel_selection(self: ArticleView) -> None:
        self.cancel_selection()

    # --------------------------------------------------------------- labels
    def action_highlight_labels(self: ArticleView) -> None:
        from tui.reader.screens.labels import LabelsScreen

        self.app.push_screen(LabelsScreen(self))
