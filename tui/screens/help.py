"""The help screen (``?``): every binding of the reader with its key and description."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

if TYPE_CHECKING:
    from textual.app import ComposeResult


def help_table(bindings: list[tuple[str, Binding]], key_display: dict[str, str]) -> Table:
    table = Table(box=None, show_header=True, header_style="bold", expand=True)
    table.add_column("Key", no_wrap=True)
    table.add_column("Does")
    table.add_column("Id", style="dim", no_wrap=True)
    for _, binding in bindings:
        table.add_row(
            Text(key_display.get(binding.id or "", binding.key)),
            Text(binding.tooltip or binding.description),
            Text(binding.id or ""),
        )
    return table


class HelpScreen(ModalScreen[None]):
    """Lists the reader's bindings; any of escape, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 100;
        max-width: 100%;
        height: 90%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close help", show=False),
        Binding("q", "dismiss", "Close help", show=False),
        Binding("question_mark", "dismiss", "Close help", show=False),
    ]

    def __init__(self, bindings: list[tuple[str, Binding]], key_display: dict[str, str]) -> None:
        super().__init__()
        self.bindings = bindings
        self.key_display = key_display
        self.plain = "\n".join(
            f"{key_display.get(b.id or '', b.key)} {b.description} {b.tooltip} {b.id}"
            for _, b in bindings
        )

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text("Kontext: keys", style="bold"))
            yield Static(help_table(self.bindings, self.key_display))
            yield Static(Text("Also in the command palette (ctrl+p).", style="dim"))

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
