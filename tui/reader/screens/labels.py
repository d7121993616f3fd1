"""The label switches (``h``): highlighting per label on or off, with the legend's styles.

Each switch is previewed at once through the caller's ``preview`` callback, so
the student sees the article change behind the dialog; closing dismisses with
the hidden labels, which the caller applies. The screen never holds the view.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

from enrich.labels import label_word
from enrich.model import Label
from tui.reader.bindings import LABELS_BINDINGS
from tui.reader.widgets.article_styles import text_style_words
from tui.ui_text import tr, ui_language

if TYPE_CHECKING:
    from textual.app import ComposeResult


class LabelsScreen(ModalScreen[frozenset[Label]]):
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

    def __init__(
        self,
        hidden: frozenset[Label],
        styles: Mapping[Label, Style],
        preview: Callable[[frozenset[Label]], None],
    ) -> None:
        """``styles`` are the article's label styles; ``preview`` shows each switch at once."""
        super().__init__()
        self.hidden = hidden
        self._styles = styles
        self._preview = preview

    def compose(self) -> ComposeResult:
        hidden = self.hidden
        no_color = self.app.no_color
        selections = []
        for i, label in enumerate(Label, start=1):
            style = self._styles[label]
            prompt = Text(f"{i} ")
            prompt.append(label_word(label, ui_language()), style=style)  # a word, not "PER"
            if no_color and (words := text_style_words(style)):
                prompt.append(f" ({words})", style="dim")
            selections.append(Selection(prompt, label, label not in hidden, id=str(label)))
        with Vertical():
            yield Static(Text(tr("Highlight these labels"), style="bold"))
            yield SelectionList[Label](*selections, id="label-switches")
            yield Static(Text(tr("space/enter or 1–5 switch · escape closes"), style="dim"))

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        shown = set(event.selection_list.selected)
        self.hidden = frozenset(set(Label) - shown)
        self._preview(self.hidden)

    def action_toggle_label(self, label: str) -> None:
        """Not ``action_toggle``: that is DOMNode's (async) toggle of a bool attribute."""
        self.query_one(SelectionList).toggle(Label(label))

    async def action_dismiss(self, result: frozenset[Label] | None = None) -> None:
        self.dismiss(self.hidden if result is None else result)
