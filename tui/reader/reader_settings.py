"""The reader's part of config.toml: the theme and the ``[keys]`` table.

Helpers for ``KontextApp``, which holds the theme and the keys. At start the
saved theme and the remapped keys are applied (an unknown theme or binding id
becomes a warning notification, never an error); when the student picks
another theme (command palette, "Theme"), it is saved in config.toml from a
thread worker, keeping the file's other lines.
"""

from __future__ import annotations

import importlib
import threading
from pathlib import Path

from textual.binding import Binding
from textual.dom import DOMNode

from tui.reader.keymap import check_keymap, clashes, textual_keymap

_SAVING = threading.Lock()  # config.toml is written by one worker at a time

# Widgets of the main screen: their bindings work together with the app's.
_MAIN_WIDGETS = {"ArticleView", "EntityList", "EntityFilter", "EntityCard", "SearchBar"}


def reader_classes() -> list[type[DOMNode]]:
    """Every widget and screen class of the reader (tui.reader.widgets and tui.reader.screens)."""
    import pkgutil  # only for config.toml's [keys] (tui/startup.py: AFTER_FIRST_PAINT)

    import tui.reader.screens
    import tui.reader.widgets

    for package in (tui.reader.widgets, tui.reader.screens):
        for info in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{info.name}")
    found: list[type[DOMNode]] = []
    todo: list[type[DOMNode]] = [DOMNode]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            inside = sub.__module__.startswith(("tui.reader.widgets.", "tui.reader.screens."))
            if inside and sub not in found:
                found.append(sub)
    return found


def merged_bindings(cls: type[DOMNode]) -> list[Binding]:
    """A class's bindings with those it inherits, as Textual combines them."""
    merged = cls._merged_bindings or cls._merge_bindings()
    return [b for bindings in merged.key_to_bindings.values() for b in bindings]


def remap_keys(
    app_bindings: list[Binding], wanted: dict[str, str]
) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """config.toml's ``[keys]`` checked against every reader binding.

    Returns the checked keymap (binding id -> keys), the keymap for
    ``App.set_keymap`` and the warnings (unknown ids, clashes).
    """
    nodes = {cls: merged_bindings(cls) for cls in reader_classes()}
    every = [b for bindings in (app_bindings, *nodes.values()) for b in bindings]
    keymap, warnings = check_keymap(wanted, every)
    scopes = [app_bindings] + [
        bindings + app_bindings if cls.__name__ in _MAIN_WIDGETS else bindings
        for cls, bindings in nodes.items()
    ]
    warnings += clashes(keymap, scopes)
    return keymap, textual_keymap(keymap, [app_bindings, *nodes.values()]), warnings


class ThemeWrites:
    """Saves the student's theme picks in config.toml, the latest pick last."""

    def __init__(self, shown: str, written: str | None) -> None:
        self.latest = shown  # the student's latest pick (event loop)
        self._written = written  # what config.toml has (save worker)

    def picked(self, name: str) -> bool:
        """A theme was picked: True if it is new and needs saving."""
        if name == self.latest:
            return False
        self.latest = name
        return True

    def write_latest(self) -> tuple[str, Path] | None:
        """In a worker: write the latest pick unless config.toml has it already.

        One save at a time, and each writes the latest pick: two quick picks
        never end with the older one in the file.
        """
        # tomlkit only when a theme is saved, never before the first frame (tui/startup.py).
        from enrich.settings_edit import save_setting

        with _SAVING:
            name = self.latest
            if name == self._written:
                return None
            path = save_setting("theme", name)
            self._written = name
        return name, path
