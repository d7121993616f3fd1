"""Define: add or edit the student's own glossary entry for the current entity."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, RadioButton, RadioSet, Static, TextArea

from tui.reader.screens.dialog import Dialog
from tui.ui_text import tr

if TYPE_CHECKING:
    from textual.app import ComposeResult

LANGS = {"de": "Deutsch", "en": "English"}


@dataclass(frozen=True)
class Definition:
    """What was typed, per language code (empty languages left out).

    ``saved`` is False on escape or Cancel: the app keeps the texts as a draft
    that ``d`` reopens.
    """

    term: str
    texts: dict[str, str]
    saved: bool = True


class DefineScreen(Dialog[Definition | None]):
    """The definition in one language at a time; switching language keeps what was typed,
    and saving saves every language that has a text."""

    DEFAULT_CSS = """
    DefineScreen TextArea { height: 6; }
    DefineScreen RadioSet { width: 1fr; layout: horizontal; }
    DefineScreen RadioButton { width: auto; margin-right: 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "save",
            "Save the definition",
            show=False,
            id="define-save",
            tooltip="Save the definition to your glossary",
        ),
    ]

    def __init__(self, term: str, definitions: dict[str, str], lang: str) -> None:
        super().__init__()
        self.term = term
        self.texts = {code: definitions.get(code, "") for code in LANGS}
        self.lang = lang if lang in LANGS else "de"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                Text(tr("Your definition of “{term}”", term=self.term)), classes="dialog-title"
            )
            with RadioSet(id="define-lang"):
                for code, name in LANGS.items():
                    yield RadioButton(name, value=code == self.lang, id=f"lang-{code}")
            yield TextArea(self.texts[self.lang], id="definition", soft_wrap=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button(tr("Save"), id="save", variant="primary")
                yield Button(tr("Cancel"), id="cancel")
            yield Static(
                Text(tr("ctrl+s: save to your glossary · escape: cancel (d reopens it)")),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        area = self.query_one(TextArea)
        self.texts[self.lang] = area.text
        self.lang = (event.pressed.id or "lang-de").removeprefix("lang-")
        area.text = self.texts[self.lang]

    def _typed(self) -> dict[str, str]:
        """Every language's text, the one being edited included (stripped; empty left out)."""
        self.texts[self.lang] = self.query_one(TextArea).text
        return {code: text.strip() for code, text in self.texts.items() if text.strip()}

    def action_save(self) -> None:
        texts = self._typed()
        if not texts:
            self.notify(tr("Write a definition first (escape cancels)."), markup=False)
            return
        self.dismiss(Definition(self.term, texts))

    def action_cancel(self) -> None:
        self.dismiss(Definition(self.term, self._typed(), saved=False))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()
