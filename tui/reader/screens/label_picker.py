"""Pick one of the five labels (relabel an entity, label an added one)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from enrich.labels import label_word
from enrich.model import Label
from tui.reader.bindings import LABEL_PICKER_BINDINGS
from tui.reader.screens.dialog import Dialog
from tui.ui_text import tr, ui_language

if TYPE_CHECKING:
    from textual.app import ComposeResult


class LabelPicker(Dialog[Label | None]):
    """Arrows and enter, or the digits 1–5 (the same order as the colour legend)."""

    DEFAULT_CSS = """
    LabelPicker > .dialog { width: 44; }
    LabelPicker OptionList { height: auto; border: none; }
    """

    BINDINGS: ClassVar[list[BindingType]] = list(LABEL_PICKER_BINDINGS)

    def __init__(self, title: str, current: Label | None = None) -> None:
        super().__init__()
        self.heading = title
        self.current = current

    def compose(self) -> ComposeResult:
        options = []
        for i, label in enumerate(Label, start=1):
            prompt = Text(f"{i}  {label_word(label, ui_language())}")  # a word, not "PER"
            if label == self.current:
                prompt.append(tr("  (now)"), style="dim")
            options.append(Option(prompt, id=str(label)))
        with Vertical(classes="dialog"):
            yield Static(Text(self.heading), classes="dialog-title")
            yield OptionList(*options, id="labels")
            yield Static(Text(tr("1–5 or enter: choose · escape: cancel")), classes="dialog-hint")

    def on_mount(self) -> None:
        labels = self.query_one(OptionList)
        labels.highlighted = list(Label).index(self.current) if self.current else 0
        labels.focus()

    def action_pick(self, index: int) -> None:
        self.dismiss(list(Label)[index])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(list(Label)[event.option_index])  # the options are in Label's order
