"""Messages the article view posts (``ArticleView.SpanChosen`` and friends).

They are defined here to keep the view small and attached to ``ArticleView``
as class attributes; ``namespace`` makes their handlers ``on_article_view_*``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from enrich.model import Label
    from tui.reader.widgets.article_spans import Span


class Selected(Message, namespace="article_view"):
    """The current mention changed (by key or click)."""

    def __init__(self, entity_id: str, span: Span) -> None:
        super().__init__()
        self.entity_id = entity_id
        self.span = span


class SpanChosen(Message, namespace="article_view"):
    """The student chose a passage with the keyboard selection (``purpose`` says what for)."""

    def __init__(self, purpose: str, start: int, end: int, text: str) -> None:
        super().__init__()
        self.purpose = purpose
        self.start = start
        self.end = end
        self.text = text


class SelectionCancelled(Message, namespace="article_view"):
    """The student left the keyboard selection with escape; nothing was chosen."""

    def __init__(self, purpose: str) -> None:
        super().__init__()
        self.purpose = purpose


class SelectionChanged(Message, namespace="article_view"):
    """The selection moved, started (``text`` is what it holds) or ended (``purpose`` "")."""

    def __init__(self, purpose: str, start: int, end: int, text: str) -> None:
        super().__init__()
        self.purpose = purpose
        self.start = start
        self.end = end
        self.text = text


class SearchRequested(Message, namespace="article_view"):
    """``/`` was pressed: the search bar should open with ``query``."""

    def __init__(self, query: str) -> None:
        super().__init__()
        self.query = query


class SearchStatus(Message, namespace="article_view"):
    """Where the search stands: "3/17", "no match", or ended (``active`` False)."""

    def __init__(self, query: str, status: str, active: bool) -> None:
        super().__init__()
        self.query = query
        self.status = status
        self.active = active


class HiddenLabelsChanged(Message, namespace="article_view"):
    """Highlighting was switched off (or on) for some labels; the legend should follow."""

    def __init__(self, hidden: set[Label]) -> None:
        super().__init__()
        self.hidden = hidden
