"""Write a note (and tags) on an entity or a bookmarked passage."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static, TextArea

from tui.reader.screens.dialog import Dialog
from tui.ui_text import tr

if TYPE_CHECKING:
    from textual.app import ComposeResult


@dataclass(frozen=True)
class NoteResult:
    """What the student typed; ``saved`` is False on escape (the app keeps it as a draft)."""

    note: str
    tags: list[str] = field(default_factory=list)
    saved: bool = True


def split_tags(raw: str) -> list[str]:
    """ "exam, Russia ,, exam" → ["exam", "Russia"]."""
    return list(dict.fromkeys(t.strip() for t in raw.split(",") if t.strip()))


class NoteScreen(Dialog[NoteResult | None]):
    """A TextArea for the note and, for entities, an Input for comma-separated tags.

    ctrl+s or the Save button saves; escape closes without saving but hands
    back what was typed, so reopening the note finds it again.
    """

    DEFAULT_CSS = """
    NoteScreen TextArea { height: 8; }
    NoteScreen Input { margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "save",
            "Save the note",
            show=False,
            id="note-save",
            tooltip="Save the note (and tags)",
        ),
    ]

    def __init__(
        self, title: str, note: str = "", tags: str = "", *, with_tags: bool = True
    ) -> None:
        super().__init__()
        self.heading = title
        self.note = note
        self.tags = tags
        self.with_tags = with_tags

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.heading), classes="dialog-title")
            yield TextArea(self.note, id="note-text", soft_wrap=True)
            if self.with_tags:
                yield Input(self.tags, placeholder=tr("tags, comma-separated"), id="note-tags")
            with Horizontal(classes="dialog-buttons"):
                yield Button(tr("Save"), id="save", variant="primary")
                yield Button(tr("Cancel"), id="cancel")
            yield Static(
                Text("ctrl+s: save · tab: next field · escape: cancel"), classes="dialog-hint"
            )

    def on_mount(self) -> None:
        area = self.query_one("#note-text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def _typed(self, saved: bool) -> NoteResult:
        note = self.query_one("#note-text", TextArea).text
        tags = split_tags(self.query_one("#note-tags", Input).value) if self.with_tags else []
        return NoteResult(note, tags, saved)

    def action_save(self) -> None:
        self.dismiss(self._typed(True))

    def action_cancel(self) -> None:
        self.dismiss(self._typed(False))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()
