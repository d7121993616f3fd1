"""The session dialogs' own keys are documented like every other binding."""

from __future__ import annotations

import pytest
from textual.binding import Binding

from tui.reader.screens.define import DefineScreen
from tui.reader.screens.dialog import Dialog
from tui.reader.screens.export import ExportScreen
from tui.reader.screens.help import binding_groups
from tui.reader.screens.note import NoteScreen


@pytest.mark.parametrize("screen", [Dialog, NoteScreen, DefineScreen, ExportScreen])
def test_dialog_bindings_have_an_id_and_a_tooltip(screen: type) -> None:
    own = [b for b in screen.__dict__["BINDINGS"] if isinstance(b, Binding)]
    assert own
    for binding in own:
        assert binding.id, f"{screen.__name__}: {binding.key} has no id"
        assert binding.tooltip and binding.description, f"{screen.__name__}: {binding.key}"


def test_the_help_screen_lists_the_dialog_keys_by_id() -> None:
    ids = {b.id for _, bindings in binding_groups() for b in bindings}
    assert {"dialog-cancel", "note-save", "define-save", "export-write"} <= ids
