"""The reader's part of config.toml: the theme and the ``[keys]`` table.

A mixin of ``KontextApp``. At start the saved theme and the remapped keys are
applied (an unknown theme or binding id becomes a warning notification, never
an error); when the student picks another theme (command palette, "Theme"),
it is saved in config.toml from a thread worker, keeping the file's other lines.
"""

from __future__ import annotations

import importlib
import pkgutil
import threading
from typing import TYPE_CHECKING, Any

from textual import work
from textual.binding import Binding
from textual.dom import DOMNode

from enrich.settings import Settings, load_settings, save_setting
from enrich.text_clean import clean_text
from tui.reader.keymap import check_keymap, clashes, textual_keymap

if TYPE_CHECKING:
    from textual.theme import Theme

    from tui.reader.app import KontextApp

_SAVING = threading.Lock()  # config.toml is written by one worker at a time

# Widgets of the main screen: their bindings work together with the app's.
_MAIN_WIDGETS = {"ArticleView", "EntityList", "EntityFilter", "EntityCard", "SearchBar"}


def reader_classes() -> list[type[DOMNode]]:
    """Every widget and screen class of the reader (tui.reader.widgets and tui.reader.screens)."""
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


class ReaderSettings:
    """Theme and keys from config.toml for ``KontextApp``."""

    def _init_settings(self: KontextApp, settings: Settings | None) -> None:
        """From ``__init__``: the first paint already has the theme and the keys."""
        warnings: list[str] = []
        if settings is None:
            settings, warnings = load_settings()
        self.settings = settings
        self.keymap: dict[str, str] = {}
        if settings.theme is not None:
            if settings.theme in self.available_themes:
                self.theme = settings.theme
            else:
                names = ", ".join(sorted(self.available_themes))
                warnings.append(
                    f"config.toml: unknown theme {clean_text(repr(settings.theme))}; using "
                    f"{self.theme} (themes: {names})"
                )
        self._saved_theme = self.theme  # the student's latest pick (event loop)
        self._written_theme = settings.theme  # what config.toml has (save worker)
        if settings.keys:
            warnings += self._apply_keys(settings.keys)
        self.settings_warnings = warnings

    def _apply_keys(self: KontextApp, wanted: dict[str, str]) -> list[str]:
        nodes = {cls: merged_bindings(cls) for cls in reader_classes()}
        app_bindings = merged_bindings(type(self))
        every = [b for bindings in (app_bindings, *nodes.values()) for b in bindings]
        self.keymap, warnings = check_keymap(wanted, every)
        scopes = [app_bindings] + [
            bindings + app_bindings if cls.__name__ in _MAIN_WIDGETS else bindings
            for cls, bindings in nodes.items()
        ]
        warnings += clashes(self.keymap, scopes)
        self.set_keymap(textual_keymap(self.keymap, [app_bindings, *nodes.values()]))
        return warnings

    def _mount_settings(self: KontextApp) -> None:
        """Called from ``on_mount``: report the settings' problems and follow theme changes."""
        for warning in self.settings_warnings:
            self.notify(warning, severity="warning", markup=False, timeout=12)
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def key_display(self: Any, binding: Binding) -> str:
        """The binding's keys as the footer shows them, after ``[keys]`` remapping."""
        keys = self.keymap.get(binding.id or "")
        if keys is None:
            return str(binding.key_display or self.get_key_display(binding))
        return " or ".join(
            self.get_key_display(binding.with_key(key, key_display=None)) for key in keys.split(",")
        )

    def _theme_changed(self: KontextApp, theme: Theme) -> None:
        if theme.name == self._saved_theme:
            return
        self._saved_theme = theme.name
        self.save_theme(theme.name)

    @work(thread=True, group="settings", exit_on_error=False, description="saving the theme")
    def save_theme(self: Any, name: str) -> None:
        """A broken config.toml is left as it is: the error becomes a notification.

        One save at a time, and each writes the latest pick: two quick picks
        never end with the older one in the file.
        """
        with _SAVING:
            name = self._saved_theme
            if name == self._written_theme:
                return
            path = save_setting("theme", name)
            self._written_theme = name
        self.call_from_thread(
            self.notify, f"Theme {name} saved in {path}.", markup=False, timeout=4
        )
