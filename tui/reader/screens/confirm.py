"""A question with a few answers as buttons (quit with unsaved changes, resume a session)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from tui.reader.screens.dialog import Dialog
from tui.ui_text import tr

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.widgets.button import ButtonVariant


class ChoiceScreen(Dialog[str | None]):
    """Returns the id of the chosen answer, or None on escape.

    ``answers`` are (id, button label) pairs; the first one has the focus.
    ``details`` may hold untrusted text (a title from the article): plain Text only.
    """

    def __init__(
        self,
        question: str,
        answers: list[tuple[str, str]],
        details: str = "",
        *,
        on_escape: str = "cancel",
    ) -> None:
        super().__init__()
        self.question = question
        self.details = details
        self.answers = answers
        self.on_escape = on_escape

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.question), classes="dialog-title")
            if self.details:
                yield Static(Text(self.details))
            with Horizontal(classes="dialog-buttons"):
                for i, (answer_id, label) in enumerate(self.answers):
                    variant: ButtonVariant = "primary" if i == 0 else "default"
                    yield Button(label, id=f"answer-{answer_id}", variant=variant)
            yield Static(
                Text(
                    tr("tab: next answer · enter: choose · escape: {what}", what=tr(self.on_escape))
                ),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("answer-"))
