"""The reader's header: the article's title on the left, its state on the right.

Textual's ``Header`` centres "title — subtitle" and cuts the end, so a long
title or a narrow terminal lost the entity count and online/offline. Here the
state (``app.sub_title``: entity count, online/offline, unsaved) keeps its
width and the title is cut with an ellipsis instead. No icon: the browser's
fonts had no glyph for Textual's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.containers import Horizontal
from textual.widgets import Static

from enrich.text_clean import clean_text

if TYPE_CHECKING:
    from textual.app import ComposeResult


class ReaderHeader(Horizontal):
    """``#header-title`` (cut first) and ``#header-state`` (never cut)."""

    DEFAULT_CSS = """
    ReaderHeader {
        dock: top;
        height: 1;
        width: 1fr;
        background: $panel;
        color: $foreground;
    }
    ReaderHeader > #header-title {
        width: 1fr;
        height: 1;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        text-style: bold;
    }
    ReaderHeader > #header-state {
        width: auto;
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="header-title", markup=False)
        yield Static(id="header-state", markup=False)

    def on_mount(self) -> None:
        self.watch(self.app, "title", self._show_title)
        self.watch(self.app, "sub_title", self._show_state)

    def _show_title(self, title: str) -> None:
        # The title is the article's (untrusted): plain text, control sequences stripped.
        self.query_one("#header-title", Static).update(Text(clean_text(title)))

    def _show_state(self, state: str) -> None:
        self.query_one("#header-state", Static).update(Text(state))

    @property
    def title_text(self) -> str:
        return str(self.query_one("#header-title", Static).content)

    @property
    def state_text(self) -> str:
        return str(self.query_one("#header-state", Static).content)
