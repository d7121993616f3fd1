"""The label switches (``h``): highlighting per label on or off, with the legend's styles.

Each switch applies at once, so the student sees the article change behind
the dialog; ``ArticleView.set_hidden_labels`` does the work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

from enrich.model import Label
from tui.reader.bindings import LABELS_BINDINGS
from tui.reader.widgets.article_styles import text_style_words
from tui.reader.widgets.entity_list import LABEL_NAMES

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from tui.reader.widgets.article_view import ArticleView


class LabelsScreen(ModalScreen[None]):
    """Five switches, one per label; space, enter or 1–5 toggle, escape or h closes."""

    DEFAULT_CSS = """
    LabelsScreen { align: center middle; }
    LabelsScreen > Vertical {
        width: 48;
        height: auto;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    LabelsScreen SelectionList, LabelsScreen SelectionList:focus { border: none; padding: 0; }
    /* Without colour, on and off must differ in style. */
    LabelsScreen SelectionList:nocolor > .selection-list--button { text-style: dim; }
    LabelsScreen SelectionList:nocolor > .selection-list--button-selected {
        text-style: bold reverse;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = list(LABELS_BINDINGS)

    def __init__(self, view: ArticleView) -> None:
        super().__init__()
        self.view = view

    def compose(self) -> ComposeResult:
        hidden = self.view.hidden_labels
        no_color = self.app.no_color
        selections = []
        for i, label in enumerate(Label, start=1):
            style = self.view.label_style(label)
            prompt = Text(f"{i} ")
            prompt.append(str(label), style=style)
            prompt.append(f"  {LABEL_NAMES[label]}")
            if no_color and (words := text_style_words(style)):
                prompt.append(f" ({words})", style="dim")
            selections.append(Selection(prompt, label, label not in hidden, id=str(label)))
        with Vertical():
            yield Static(Text("Highlight these labels", style="bold"))
            yield SelectionList[Label](*selections, id="label-switches")
            yield Static(Text("space/enter or 1–5 switch · escape closes", style="dim"))

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        shown = set(event.selection_list.selected)
        self.view.set_hidden_labels(set(Label) - shown)

    def action_toggle(self, label: str) -> None:
        self.query_one(SelectionList).toggle(Label(label))

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
