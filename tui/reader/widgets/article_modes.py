"""The article view's two modes, search (``/``) and keyboard selection (``v``, ``b``), as
plain functions: each mode's highlight layers and cache key for a line, and how a
selection grows.

``ArticleView`` owns the modes' state (``searching``, ``search_result``,
``selection``) and passes it in; nothing here touches the widget.
"""

from __future__ import annotations

from tui.reader.widgets import article_styles as st
from tui.reader.widgets.article_layout import ArticleLayout
from tui.reader.widgets.article_search import SearchResult
from tui.reader.widgets.article_selection import (
    Selection,
    next_word_end,
    next_word_start,
    previous_word_end,
    previous_word_start,
    word_at,
)

SEARCH_ACTIONS = {"next_match", "previous_match", "end_search"}
SELECTION_ACTIONS = {"extend_selection", "confirm_selection", "cancel_selection"}


def mode_line_state(
    result: SearchResult | None, selection: Selection | None, start: int, end: int
) -> tuple[object, ...]:
    """Part of a line's cache key: the current match and the selection on it.

    ``result`` is None when search mode is off.
    """
    match_state: object = None
    if result is not None and result.matches:
        here = result.in_range(start, end)
        match_state = result.current if result.current in here else -1
    selection_state = None
    if selection is not None and selection.start < end and selection.end > start:
        selection_state = (max(start, selection.start), min(end, selection.end))
    return (match_state, selection_state)


def mode_layers(
    result: SearchResult | None, selection: Selection | None, start: int, end: int
) -> list[tuple[int, int, str]]:
    """(start, end, component class) to paint over the entity highlights."""
    layers: list[tuple[int, int, str]] = []
    if result is not None:
        for i in result.in_range(start, end):
            name = st.MATCH_CURRENT if i == result.current else st.MATCH
            layers.append((*result.matches[i], name))
    if selection is not None:
        layers.append((selection.start, selection.end, st.SELECTION))
    return layers


def line_neighbour(
    wrapped: ArticleLayout | None, text: str, offset: int, step: int, *, start: bool
) -> int:
    """The word boundary at the same column ``step`` text lines away (or ``offset``)."""
    if wrapped is None:
        return offset
    line, column = wrapped.line_of(offset), wrapped.column_of(offset)
    target = line + step
    while 0 <= target < len(wrapped) and wrapped.lines[target][0] < 0:
        target += step  # skip the blank line between paragraphs
    found = wrapped.offset_at(target, column, clamp=True)
    if found is None:
        return offset if start else offset + 1
    word_start, word_end = word_at(text, found)
    return word_start if start else word_end


def extended(
    selection: Selection,
    wrapped: ArticleLayout | None,
    text: str,
    unit: str,
    step: int,
    start: bool = False,
) -> tuple[Selection, int]:
    """The selection with its end (or start) moved by a character, a word or a line,
    and the offset to keep on screen."""
    a, b = selection.start, selection.end
    if start:
        if unit == "word":
            a = next_word_start(text, a) if step > 0 else previous_word_start(text, a)
        else:
            a = line_neighbour(wrapped, text, a, step, start=True)
        if a >= b:  # passed the end: the selection becomes the word there
            b = word_at(text, a)[1]
        edge = a
    else:
        if unit == "char":
            b = min(len(text), b + 1) if step > 0 else max(a + 1, b - 1)
        elif unit == "word":
            b = next_word_end(text, b) if step > 0 else previous_word_end(text, b, a)
        else:
            moved = line_neighbour(wrapped, text, b - 1, step, start=False)
            b = moved if moved > a else b
        edge = b - 1
    return Selection(selection.purpose, a, b), edge
