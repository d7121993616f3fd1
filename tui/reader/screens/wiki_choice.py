"""Pick another Wikipedia candidate for the current entity."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from enrich.text_clean import clean_text
from tui.reader.screens.dialog import Dialog
from tui.ui_text import tr

if TYPE_CHECKING:
    from textual.app import ComposeResult


class WikiChoiceScreen(Dialog[str | None]):
    """The shown article first, then the alternatives; returns the chosen title.

    Titles and descriptions come from Wikipedia: plain Text, control sequences removed.
    """

    DEFAULT_CSS = """
    WikiChoiceScreen > .dialog { width: 80; }
    WikiChoiceScreen OptionList { height: auto; max-height: 16; border: none; }
    """

    def __init__(self, name: str, candidates: list[tuple[str, str]], current: str) -> None:
        super().__init__()
        self.entity_name = name
        self.candidates = candidates
        self.current = current

    def compose(self) -> ComposeResult:
        options = []
        for i, (title, description) in enumerate(self.candidates):
            prompt = Text(clean_text(title), style="bold")
            if title == self.current:
                prompt.append("  (shown now)", style="dim")
            if description:
                prompt.append("\n  " + clean_text(description), style="dim")
            options.append(Option(prompt, id=f"c{i}"))
        with Vertical(classes="dialog"):
            yield Static(
                Text(f"Which Wikipedia article is meant by “{self.entity_name}”?"),
                classes="dialog-title",
            )
            yield OptionList(*options, id="candidates")
            yield Static(Text(tr("enter: choose · escape: cancel")), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = int((event.option.id or "c0")[1:])
        self.dismiss(self.candidates[index][0])
