"""Export the session: choose a format and where to write the file.

In a served reader (``kontext serve``) the file goes to the browser as a
download instead: the dialog asks only for the format, so no path on the
server can be typed into it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from tui.reader.screens.dialog import Dialog
from tui.ui_text import tr

if TYPE_CHECKING:
    from textual.app import ComposeResult

FORMAT_NAMES = {
    "md": "Markdown (.md)",
    "html": "HTML page (.html)",
    "anki": "Anki deck (.apkg)",
    "csv": "CSV table (.csv)",
    "json": "Session JSON (.json)",
}


@dataclass(frozen=True)
class ExportRequest:
    fmt: str
    path: Path  # with ``download``, only its name counts: the browser's download
    download: bool = False


def default_path(name: str, fmt: str, directory: Path | None = None) -> Path:
    """``./NAME.ext`` in the current directory."""
    from enrich.export import default_suffix

    return (directory or Path.cwd()) / f"{name}{default_suffix(fmt)}"


class ExportScreen(Dialog[ExportRequest | None]):
    """A format (arrows to move, enter to choose) and a path (the suffix follows the format)."""

    DEFAULT_CSS = """
    ExportScreen RadioSet { width: 1fr; }
    ExportScreen Input { margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "export",
            "Export",
            show=False,
            id="export-write",
            tooltip="Export to the file named in the dialog",
        ),
    ]

    def __init__(
        self, name: str, fmt: str = "md", directory: Path | None = None, *, download: bool = False
    ) -> None:
        """``download``: the reader is served; the file goes to the browser."""
        super().__init__()
        self.session_name = name
        self.fmt = fmt
        self.directory = directory
        self.download = download
        self._suggested = str(default_path(name, fmt, directory))

    def _download_name(self) -> str:
        return default_path(self.session_name, self.fmt, Path(".")).name

    def compose(self) -> ComposeResult:
        from enrich.export import FORMATS

        with Vertical(classes="dialog"):
            yield Static(
                Text(tr("Export session '{name}'", name=self.session_name)), classes="dialog-title"
            )
            with RadioSet(id="formats"):
                for fmt in FORMATS:
                    yield RadioButton(
                        tr(FORMAT_NAMES[fmt]) if fmt in FORMAT_NAMES else fmt,
                        value=fmt == self.fmt,
                        id=f"fmt-{fmt}",
                    )
            if self.download:
                yield Static(self._download_text(), id="export-download")
            else:
                yield Input(self._suggested, id="export-path", placeholder=tr("file to write"))
            with Horizontal(classes="dialog-buttons"):
                yield Button(tr("Export"), id="export", variant="primary")
                yield Button(tr("Cancel"), id="cancel")
            hint = tr("enter: format · tab: path · ctrl+s: export · escape: cancel")
            if self.download:
                hint = tr("enter: format · ctrl+s: export · escape: cancel")
            yield Static(Text(hint), classes="dialog-hint")

    def _download_text(self) -> Text:
        return Text(tr("Your browser downloads it as {name}", name=self._download_name()))

    def on_mount(self) -> None:
        self.query_one(RadioSet).focus()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.fmt = (event.pressed.id or "fmt-md").removeprefix("fmt-")
        if self.download:
            self.query_one("#export-download", Static).update(self._download_text())
            return
        path_input = self.query_one("#export-path", Input)
        if path_input.value == self._suggested:  # untouched: follow the format
            self._suggested = str(default_path(self.session_name, self.fmt, self.directory))
            path_input.value = self._suggested

    def action_export(self) -> None:
        if self.download:
            self.dismiss(ExportRequest(self.fmt, Path(self._download_name()), download=True))
            return
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self.notify(tr("Give a file name to export to."), severity="warning", markup=False)
            return
        path = Path(raw).expanduser()
        if not path.is_absolute():
            path = (self.directory or Path.cwd()) / path
        self.dismiss(ExportRequest(self.fmt, path))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export":
            self.action_export()
        else:
            self.dismiss(None)
