"""The one-line search bar under the article (``/``).

It only edits the query: the article view searches, highlights and counts,
and the article pane passes messages between the two. After enter the bar
stays as a status line ("3/17", "no match") while ``n``/``N`` walk the matches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static

from tui.ui_text import tr

if TYPE_CHECKING:
    from textual.app import ComposeResult


class SearchBar(Horizontal):
    """Query input and match count; hidden until ``open``."""

    DEFAULT_CSS = """
    SearchBar {
        height: 1;
        display: none;
        background: $panel;
    }
    SearchBar.-open { display: block; }
    SearchBar > .search-bar--prompt { width: 2; padding-left: 1; }
    SearchBar > Input {
        width: 1fr;
        height: 1;
        border: none;
        padding: 0 1;
        background: $panel;
    }
    SearchBar > Input:focus { border: none; background: $boost; }
    SearchBar > #search-count { width: auto; min-width: 10; padding: 0 1; text-align: right; }
    SearchBar > #search-hint { width: auto; padding: 0 1; color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "End search", id="search-bar-cancel", tooltip="End the search"),
        Binding("down", "step(1)", "Next match", id="search-bar-next", tooltip="Next match"),
        Binding("up", "step(-1)", "Previous match", id="search-bar-prev", tooltip="Previous match"),
    ]

    class Changed(Message):
        """The query changed (search as you type)."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Submitted(Message):
        """Enter: stop typing, keep the matches (search mode)."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Cancelled(Message):
        """Escape: end the search."""

    class Step(Message):
        """Up/down while typing: the previous/next match."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def compose(self) -> ComposeResult:
        yield Static("/", classes="search-bar--prompt")
        yield Input(placeholder=tr("search the text"), id="search-input", compact=True)
        yield Static(id="search-count")
        yield Static(id="search-hint")

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def open(self, query: str) -> None:
        """Show the bar and type into it (the query is kept from the last search)."""
        self.add_class("-open")
        self.query_one("#search-hint", Static).update("")
        field = self.input
        if field.value != query:
            field.value = query
        field.cursor_position = len(query)
        field.focus()

    def close(self) -> None:
        self.remove_class("-open")

    def show_status(self, status: str, *, typing: bool, hint: str = "") -> None:
        """ "3/17" or "no match"; while not typing, ``hint`` says how to go on."""
        style = "bold red" if status == "no match" else ""
        self.query_one("#search-count", Static).update(Text(tr(status), style=style))
        self.query_one("#search-hint", Static).update(Text("" if typing else hint))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())

    def action_step(self, step: int) -> None:
        self.post_message(self.Step(step))
